"""Copy transformations: how a syndicated copy's text differs from the original's.

All functions take and return lists of clean paragraphs (boilerplate is added later by the
outlet's Look) and never modify their input.
"""

from .vocab import pick, between

# Word substitutions of light copy editing: word -> replacements.
SUBSTITUTIONS = {
    "said": ["told reporters", "says", "added", "noted"], "says": ["said"], "about": ["roughly", "around"],
    "roughly": ["about", "some"], "nearly": ["almost", "close to"], "more": ["over"], "will": ["would"],
    "would": ["will", "could"], "people": ["residents", "individuals"], "residents": ["people"],
    "officials": ["authorities", "leaders"], "began": ["started"], "started": ["began"], "because": ["since"],
    "large": ["big"], "big": ["large", "major"], "help": ["assist"], "buy": ["purchase"], "show": ["indicate"],
    "showed": ["indicated", "found"], "called": ["described"], "expected": ["projected", "anticipated"],
    "asked": ["urged"], "after": ["following"], "before": ["ahead of"], "during": ["in"], "near": ["close to"],
    "million": ["million"], "plan": ["proposal"], "plans": ["intends"], "company": ["firm"],
    "including": ["among them"], "also": ["additionally"], "however": ["but"], "month": ["month"],
    "week": ["week"], "year": ["year"], "must": ["has to"], "may": ["might"], "might": ["may"],
    "quickly": ["fast"], "home": ["house"], "cars": ["vehicles"], "vehicles": ["cars"],
}
DROPPABLE = {"also", "still", "very", "just", "nearly", "roughly", "new", "local", "recent", "several", "now",
             "already", "early", "late", "longtime", "small", "major", "key", "only", "about", "more", "again",
             "quietly", "closely", "really", "even", "all"}
INSERT_AFTER = {"has": ["also", "already", "now"], "have": ["also", "already"], "had": ["already", "also"],
                "will": ["also", "now"], "would": ["also", "still"], "is": ["now", "still"], "was": ["also", "still"],
                "are": ["now", "still"], "were": ["also", "still"], "said": ["Monday", "later", "then"]}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PUNCT = ".,;:!?\"')”’"


def trim(rng, paragraphs, lo=0.5, hi=0.85):
    """The first K paragraphs, K = 50-85 % of them (at least 2, fewer than all)."""
    n = len(paragraphs)
    k = int(round(n * (lo + rng.random() * (hi - lo))))
    return paragraphs[:max(2, min(n - 1, k))]


def lede_twice(paragraphs):
    return [paragraphs[0]] + paragraphs


def _split_word(token):
    core = token.rstrip(PUNCT)
    return core, token[len(core):]


def _change_number(rng, core):
    """'14' -> '15', '$18.6' -> '$18.4', '3,200' -> '3,300'."""
    digits = [i for i, c in enumerate(core) if c.isdigit()]
    if not digits:
        return None
    i = digits[-1] if rng.random() < 0.7 or len(digits) == 1 else digits[-2]
    d = int(core[i])
    new = str((d + pick(rng, [1, 2, 8, 9])) % 10)
    if i == digits[0] and new == "0" and len(digits) > 1 and digits[0] == i:
        new = "1"
    return core[:i] + new + core[i + 1:]


def edit_word(rng, words, i):
    """Apply one light edit at words[i]; returns False if no edit fits there."""
    core, tail = _split_word(words[i])
    lower = core.lower()
    x = rng.random()
    if not core.isalpha() and x < 0.7 and any(c.isdigit() for c in core):
        new = _change_number(rng, core)
        if new and new != core:
            words[i] = new + tail
            return True
    if lower in SUBSTITUTIONS and core.islower() and x < 0.8:
        new = pick(rng, SUBSTITUTIONS[lower])
        if new != core:
            words[i] = new + tail
            return True
    if lower in DROPPABLE and core.islower() and not tail and i > 0:
        del words[i]
        return True
    if lower in INSERT_AFTER and core.islower() and not tail:
        words.insert(i + 1, pick(rng, INSERT_AFTER[lower]))
        return True
    if core in WEEKDAY_NAMES and i > 0 and words[i - 1] not in ("on", "On", "late", "early", "last", "next"):
        words.insert(i, "on")
        return True
    if x < 0.04 and core.islower() and len(core) > 3 and i > 0:
        del words[i]  # any word dropped (a copy editor's cut, sometimes a clumsy one)
        return True
    return False


def light_edit(rng, paragraphs, lo=0.01, hi=0.03):
    """Substitute, insert or delete 1-3 % of the words."""
    split = [p.split(" ") for p in paragraphs]
    total = sum(len(w) for w in split)
    edits = max(1, int(round(total * (lo + rng.random() * (hi - lo)))))
    done = 0
    tries = 0
    while done < edits and tries < edits * 40:
        tries += 1
        words = split[int(rng.random() * len(split))]
        if len(words) < 4:
            continue
        if edit_word(rng, words, int(rng.random() * len(words))):
            done += 1
    return [" ".join(w) for w in split]


def curly_quotes(text):
    """Straight quotes to curly ones: alternating opening/closing double quotes, apostrophes."""
    parts = text.split('"')
    out = [parts[0]]
    for i, part in enumerate(parts[1:]):
        out.append("“" if i % 2 == 0 else "”")
        out.append(part)
    return "".join(out).replace("'", "’")


def typography(rng, paragraphs):
    """Curly quotes, '--' or '–' for '—', '…', non-breaking spaces, double spaces (2-4 of them)."""
    ops = ["curly", "dash", "nbsp", "double", "ellipsis", "apostrophe"]
    chosen = [op for op in ops if rng.random() < 0.5] or ["curly", "double"]
    dash = pick(rng, [" -- ", "--", " – ", "—"])
    out = []
    for p in paragraphs:
        if "curly" in chosen:
            p = curly_quotes(p)
        elif "apostrophe" in chosen:
            p = p.replace("'", "’")
        if "dash" in chosen:
            p = p.replace(" — ", dash)
        if "nbsp" in chosen:
            p = _nbsp(p)
        if "double" in chosen:
            p = p.replace(". ", ".  ")
        if "ellipsis" in chosen:
            p = p.replace("...", "…")
        out.append(p)
    if "ellipsis" in chosen and len(out) > 2:
        # a trailing ellipsis on a quote, as some outlets print cut quotes
        i = between(rng, 1, len(out) - 1)
        if out[i].endswith('."'):
            out[i] = out[i][:-2] + '…"'
    return out


def _nbsp(p):
    """Non-breaking spaces after numbers and in titles ('14\u00a0miles', 'Dr.\u00a0Ruiz')."""
    words = p.split(" ")
    for i in range(len(words) - 1):
        w = words[i]
        if w and (w[-1].isdigit() or w in ("Dr.", "Mr.", "Ms.", "Mrs.", "Gov.", "Sen.", "Rep.", "St.")):
            words[i] = w + "\u00a0"
    return " ".join(words).replace("\u00a0 ", "\u00a0")


def hard_wrap(text, width):
    lines = []
    line = ""
    for w in text.split(" "):
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(line)
    return "\n".join(lines)


def split_sentences(p):
    """Split a paragraph at sentence ends ('. ' before a capital or a quote)."""
    out = []
    start = 0
    for i in range(len(p) - 2):
        if p[i] in '.?!"' and p[i + 1] == " " and (p[i + 2].isupper() or p[i + 2] == '"') and (p[i] != '"' or p[i - 1] in ".?!,"):
            if p[i] == '"' and p[i - 1] == ",":
                continue
            out.append(p[start:i + 1])
            start = i + 2
    out.append(p[start:])
    return [s for s in out if s]


def rewrap(rng, paragraphs):
    """Hard-wrapped at ~72 columns, or two adjacent paragraphs merged, or one split in two."""
    x = rng.random()
    if x < 0.5 or len(paragraphs) < 3:
        width = between(rng, 66, 78)
        return [hard_wrap(p, width) for p in paragraphs]
    out = list(paragraphs)
    if x < 0.75:
        i = between(rng, 1, len(out) - 2)
        out[i:i + 2] = [out[i] + " " + out[i + 1]]
        return out
    candidates = [i for i, p in enumerate(out) if len(split_sentences(p)) > 1]
    if not candidates:
        i = between(rng, 1, len(out) - 2)
        out[i:i + 2] = [out[i] + " " + out[i + 1]]
        return out
    i = pick(rng, candidates)
    sentences = split_sentences(out[i])
    cut = between(rng, 1, len(sentences) - 1)
    out[i:i + 1] = [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
    return out
