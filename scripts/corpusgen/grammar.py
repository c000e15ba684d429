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

import re

LIT, SLOT, ALT, CHOICE = 0, 1, 2, 3  # CHOICE: alternatives that are all plain text (the common case)


# Phrases that may be swapped for an equivalent wherever they occur in a story template's plain
# text ("vary" mode): one more source of variation, so that two stories written from the same
# template share fewer 4-word sequences. Only swaps that are grammatical in every context the
# templates use; lowercase only (sentence-initial words are left alone).
SWAPS = [
    ("said", ("said", "said", "added", "noted")),
    ("because of", ("because of", "due to")), ("in recent years", ("in recent years", "lately", "over the past few years")),
    ("nearly", ("nearly", "almost")), ("roughly", ("roughly", "about", "around")), ("residents", ("residents", "people")),
    ("officials", ("officials", "authorities")), ("began", ("began", "started")), ("quickly", ("quickly", "rapidly")),
    ("concerns", ("concerns", "worries")), ("worried", ("worried", "concerned")),
    ("frustrated", ("frustrated", "upset")), ("expected to", ("expected to", "likely to", "set to")),
    (", according to", (", according to", ", according to", ", based on")), ("announced", ("announced", "said")),
    ("closely", ("closely", "carefully")), ("at least", ("at least", "no fewer than")), ("plans to", ("plans to", "intends to")),
    ("in the coming days", ("in the coming days", "soon", "in the days ahead")), ("on social media", ("on social media", "online")),
    ("reporters", ("reporters", "journalists")), ("the area", ("the area", "the neighborhood")),
    ("also ", ("also ", "")),
]
_SWAP_RE = re.compile("|".join(
    (re.escape(p) if not p[0].isalpha() else r"\b" + re.escape(p)) + (r"(?![\w'])" if p[-1].isalpha() else "")
    for p, _ in SWAPS))
_SWAP_OPTIONS = dict(SWAPS)


def compile_template(src, vary=False):
    """Compile template source into a function (rand, facts, slot) -> str."""
    parts, pos = _parse(src, 0, top=True)
    if pos != len(src):
        raise ValueError(f"unbalanced ']' in template: {src!r}")
    if vary:
        parts = _vary(parts)
    fn = _codegen(parts)
    fn.source = src
    return fn


def compile_pool(sources, vary=False):
    """Compile a list of template sources into a pool (a tuple of compiled templates)."""
    return tuple(compile_template(s, vary) for s in sources)


def _vary(parts):
    """Turn the SWAPS phrases in plain text into choices (recursively, inside alternatives)."""
    out = []
    for kind, value in parts:
        if kind == LIT:
            pos = 0
            for m in _SWAP_RE.finditer(value):
                if m.start() > pos:
                    out.append((LIT, value[pos:m.start()]))
                out.append((CHOICE, _SWAP_OPTIONS[m.group(0)]))
                pos = m.end()
            if pos < len(value):
                out.append((LIT, value[pos:]))
        elif kind == ALT:
            out.append((ALT, tuple(_vary(option) for option in value)))
        elif kind == CHOICE:
            out.append((ALT, tuple(_vary(((LIT, option),)) if option else () for option in value)))
        else:
            out.append((kind, value))
    return tuple(out)


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
    """Generate `def _t(rand, facts, slot): return <one expression>` for parsed parts.

    Alternatives become chained conditional expressions on one random draw, so rendering a
    template is a single Python call plus one call per non-fact slot.
    """
    consts = {}
    expr = _expression(parts, consts, [0])
    namespace = dict(consts)
    exec(f"def _t(rand, facts, slot):\n    return {expr}\n", namespace)
    return namespace["_t"]


def _expression(parts, consts, counter):
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
            var = f"_r{counter[0]}"
            counter[0] += 1
            n = len(value)
            options = [_expression(option, consts, counter) for option in value]
            chain = f"({options[0]} if ({var} := rand()) < {1 / n!r}"
            for i, option in enumerate(options[1:-1], start=2):
                chain += f" else {option} if {var} < {i / n!r}"
            pieces.append(chain + f" else {options[-1]})")
    if not pieces:
        return "''"
    if len(pieces) == 1:
        return pieces[0]
    return "''.join((" + ", ".join(pieces) + ",))"


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

    def render(self, template, capitalize=True):
        """Render one sentence: first letter capitalized, leftovers of empty slots tidied."""
        text = template(self.rand, self.facts, self.slot)
        if ".." in text or "  " in text or " ," in text or ",," in text:
            text = tidy(text)
        return text[0].upper() + text[1:] if capitalize and text and text[0].islower() else text

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
