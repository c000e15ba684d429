"""A tiny template language for sentences, and the context that fills its slots.

Syntax:
    literal text
    {name}        a slot: a story fact, a fresh filler, or a pool of templates (see Context.slot)
    {@role}       a person, introduced in full on first mention ("Mayor Ellen Sturgis" or
                  "Ellen Sturgis, a spokeswoman for the county,"), later by last name
    {@role.}      the same at the end of a clause: the first mention has no trailing comma
    [a|b|c]       one alternative, chosen at random; alternatives nest and may hold slots

Templates are compiled once, at import, into small Python functions (generated source, one
expression per template) so that rendering costs about a microsecond per slot or choice: the
generator has to write tens of megabytes per second.
"""

LIT, SLOT, ALT, CHOICE = 0, 1, 2, 3  # CHOICE: alternatives that are all plain text (the common case)


def compile_template(src):
    """Compile template source into a function (rand, facts, slot) -> str."""
    parts, pos = _parse(src, 0, top=True)
    if pos != len(src):
        raise ValueError(f"unbalanced ']' in template: {src!r}")
    fn = _codegen(parts)
    fn.source = src
    return fn


def compile_pool(sources):
    """Compile a list of template sources into a pool (a tuple of compiled templates)."""
    return tuple(compile_template(s) for s in sources)


def _parse(src, pos, top):
    """Parse from pos until the end (top level) or an unmatched '|' / ']' (inside [...])."""
    parts = []
    buf = []
    n = len(src)
    while pos < n:
        ch = src[pos]
        if ch == "{":
            end = src.index("}", pos)
            if buf:
                parts.append((LIT, "".join(buf)))
                buf = []
            parts.append((SLOT, src[pos + 1:end]))
            pos = end + 1
        elif ch == "[":
            if buf:
                parts.append((LIT, "".join(buf)))
                buf = []
            options = []
            pos += 1
            while True:
                option, pos = _parse(src, pos, top=False)
                options.append(option)
                if pos >= n:
                    raise ValueError(f"unclosed '[' in template: {src!r}")
                if src[pos] == "]":
                    pos += 1
                    break
                pos += 1  # '|'
            if all(len(o) == 0 or (len(o) == 1 and o[0][0] == LIT) for o in options):
                parts.append((CHOICE, tuple(o[0][1] if o else "" for o in options)))
            else:
                parts.append((ALT, tuple(options)))
        elif ch in "|]" and not top:
            break
        else:
            buf.append(ch)
            pos += 1
    if buf:
        parts.append((LIT, "".join(buf)))
    return tuple(parts), pos


def _codegen(parts):
    """Generate `def _t(rand, facts, slot): return <one expression>` for parsed parts."""
    consts = {}
    pieces = []
    for kind, value in parts:
        if kind == LIT:
            pieces.append(repr(value))
        elif kind == CHOICE:
            name = f"_k{len(consts)}"
            consts[name] = value
            pieces.append(f"{name}[int(rand() * {len(value)})]")
        elif kind == SLOT:
            pieces.append(f"(_v if (_v := facts.get({value!r})).__class__ is str else slot({value!r}))")
        else:
            name = f"_k{len(consts)}"
            consts[name] = tuple(_codegen(option) for option in value)
            pieces.append(f"{name}[int(rand() * {len(value)})](rand, facts, slot)")
    if not pieces:
        expr = "''"
    elif len(pieces) == 1:
        expr = pieces[0]
    else:
        expr = "''.join((" + ", ".join(pieces) + ",))"
    namespace = dict(consts)
    exec(f"def _t(rand, facts, slot):\n    return {expr}\n", namespace)
    return namespace["_t"]


def tidy(text):
    """Collapse what empty alternatives and abbreviations leave behind: '  ', ' ,', ',,', '..'."""
    while "  " in text:
        text = text.replace("  ", " ")
    return text.replace(" ,", ",").replace(",,", ",").replace("..", ".")


class Person:
    """Someone a story names: full name, last name, optional title, appositive, pronouns."""

    __slots__ = ("full", "last", "title", "desc", "she", "her")

    def __init__(self, full, last, title, desc, she, her):
        self.full, self.last, self.title, self.desc, self.she, self.her = full, last, title, desc, she, her


class Context:
    """Fills slots for one piece of writing (a story, a report, a copy's new lede).

    `facts` maps slot names to strings (fixed for the story) or to pools (tuples of compiled
    templates, one is rendered per use). Names not in `facts` are looked up in `fillers`:
    functions of the context that return a fresh value each time (a number, a month, a
    passer-by) or pools shared by all stories.
    """

    __slots__ = ("rng", "rand", "facts", "fillers", "people", "introduced", "slot")

    def __init__(self, rng, facts, fillers, people):
        self.rng = rng
        self.rand = rng.random
        self.facts = facts
        self.fillers = fillers
        self.people = people
        self.introduced = []
        self.slot = self._slot  # bound once: templates call it for every non-fact slot

    def render(self, template):
        """Render one sentence: first letter capitalized, leftovers of empty slots tidied."""
        text = template(self.rand, self.facts, self.slot)
        if ".." in text or "  " in text or " ," in text or ",," in text:
            text = tidy(text)
        return text[0].upper() + text[1:] if text and text[0].islower() else text

    def _slot(self, name):
        value = self.facts.get(name)
        if value is None:
            if name[0] == "@":
                return self.person_ref(name)
            value = self.fillers[name]
            if value.__class__ is not tuple:
                return value(self)
        if value.__class__ is str:
            return value
        return value[int(self.rand() * len(value))](self.rand, self.facts, self.slot)

    def person_ref(self, name):
        """'{@spox}' / '{@spox.}': full introduction on first mention, last name after."""
        at_end = name[-1] == "."
        role = name[1:-1] if at_end else name[1:]
        person = self.people[role]
        if role in self.introduced:
            return person.last
        self.introduced.append(role)
        if person.title and (not person.desc or self.rand() < 0.7):
            return f"{person.title} {person.full}"
        return f"{person.full}, {person.desc}" if at_end else f"{person.full}, {person.desc},"
