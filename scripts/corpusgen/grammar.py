"""A tiny template language for sentences, and the context that fills its slots.

Syntax:
    literal text
    {name}        a slot: a story fact, a fresh filler, or a pool of templates (see Context.slot)
    {@role}       a person, introduced in full on first mention ("Mayor Ellen Sturgis" or
                  "Ellen Sturgis, a spokeswoman for the county,"), later by last name
    {@role.}      the same at the end of a clause: the first mention has no trailing comma
    [a|b|c]       one alternative, chosen at random; alternatives nest and may hold slots

Templates are compiled once, at import, into tuples of (kind, value) parts so that rendering
is a flat loop: a few microseconds per sentence.
"""

LIT, SLOT, ALT = 0, 1, 2


def compile_template(src):
    """Compile template source into a tuple of parts; raises ValueError on bad brackets."""
    parts, pos = _parse(src, 0, top=True)
    if pos != len(src):
        raise ValueError(f"unbalanced ']' in template: {src!r}")
    return parts


def compile_pool(sources):
    """Compile a list of template sources into a pool (a tuple of compiled templates)."""
    return tuple(compile_template(s) for s in sources)


def _parse(src, pos, top):
    """Parse from pos until end (top level) or an unmatched '|' / ']' (inside [...])."""
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
            parts.append((ALT, tuple(options)))
        elif ch in "|]" and not top:
            break
        else:
            buf.append(ch)
            pos += 1
    if buf:
        parts.append((LIT, "".join(buf)))
    return tuple(parts), pos


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

    __slots__ = ("rng", "rand", "facts", "fillers", "people", "introduced")

    def __init__(self, rng, facts, fillers, people):
        self.rng = rng
        self.rand = rng.random
        self.facts = facts
        self.fillers = fillers
        self.people = people
        self.introduced = []

    def render(self, template):
        out = []
        self._render_into(template, out)
        text = "".join(out)
        if ".." in text:  # an abbreviation ("Corp.") before a full stop
            text = text.replace("..", ".")
        return text[0].upper() + text[1:] if text and text[0].islower() else text

    def render_pool(self, pool):
        return self.render(pool[int(self.rand() * len(pool))])

    def _render_into(self, parts, out):
        rand = self.rand
        for kind, value in parts:
            if kind == LIT:
                out.append(value)
            elif kind == SLOT:
                out.append(self.slot(value))
            else:
                self._render_into(value[int(rand() * len(value))], out)

    def slot(self, name):
        value = self.facts.get(name)
        if value is None:
            if name[0] == "@":
                return self.person_ref(name)
            value = self.fillers[name]
            if callable(value):
                return value(self)
        if type(value) is str:
            return value
        out = []
        self._render_into(value[int(self.rand() * len(value))], out)
        return "".join(out)

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
