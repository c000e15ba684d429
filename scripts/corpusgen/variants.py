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
    "plan": ["proposal"], "company": ["firm"],
    "including": ["among them"], "also": ["additionally"], "however": ["but"],
    "must": ["has to"], "may": ["might"], "might": ["may"],
    "quickly": ["fast"], "home": ["house"], "cars": ["vehicles"], "vehicles": ["cars"],
}
DROPPABLE = {"also", "still", "very", "just", "nearly", "roughly", "new", "local", "recent", "several", "now",
             "already", "early", "late", "longtime", "small", "major", "key", "only", "about", "more", "again",
             "quietly", "closely", "really", "even", "all"}
INSERT_AFTER = {"has": ["also", "already", "now"], "have": ["also", "already"], "had": ["already", "also"],
                "will": ["also", "now"], "would": ["also", "still"], "is": ["now", "still"], "was": ["also", "still"],
                "are": ["now", "still"], "were": ["also", "still"], "said": ["Monday", "later", "then"]}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# House-style differences between a wire copy and an affiliate's edit.
STYLE = {"Jan.": "January", "Feb.": "February", "Aug.": "August", "Sept.": "September", "Oct.": "October",
         "Nov.": "November", "Dec.": "December", "St.": "Street", "Ave.": "Avenue", "Gov.": "Governor"}
PUNCT = ".,;:!?\"')”’"


PAYWALL_LINES = ["Subscribe to continue reading.", "This article is available to subscribers only.",
                 "Continue reading", "Read the full story", "To keep reading, sign in or start a free trial."]


def trim(rng, paragraphs, lo=0.5, hi=0.85, cut_p=0.2):
    """The first K paragraphs, K = 50-85 % of them (at least 2, fewer than all). Sometimes the
    last kept paragraph is cut mid-sentence, as a paywall or a truncating crawler leaves it."""
    n = len(paragraphs)
    k = int(round(n * (lo + rng.random() * (hi - lo))))
    kept = paragraphs[:max(2, min(n - 1, k))]
    if rng.random() < cut_p:
        words = kept[-1].split(" ")
        if len(words) > 12:
            cut = " ".join(words[:between(rng, 6, len(words) - 4)])
            kept = kept[:-1] + ([cut + pick(rng, ["…", "...", ""])] if rng.random() < 0.6 else
                                [cut, pick(rng, PAYWALL_LINES)])
    return kept


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
    """Apply one light edit at words[i], chosen among those that fit the word; returns False if
    none fits."""
    word = words[i]
    core, tail = _split_word(word)
    lower = core.lower()
    ops = []
    if word in STYLE:
        ops.append("style")
    if core.endswith("%") and core[:-1].replace(".", "").isdigit():
        ops.append("percent")
    if not core.isalpha() and any(c.isdigit() for c in core):
        ops += ["number", "number"]
    if core.islower():
        if lower in SUBSTITUTIONS:
            ops += ["substitute", "substitute"]
        if lower in DROPPABLE and not tail and i > 0:
            ops.append("drop")
        if lower in INSERT_AFTER and not tail:
            ops.append("insert")
    if core in WEEKDAY_NAMES and i > 0 and words[i - 1] not in ("on", "On", "late", "early", "last", "next"):
        ops.append("weekday")
    while ops:
        op = ops.pop(int(rng.random() * len(ops)))
        if op == "style":
            words[i] = STYLE[word]
        elif op == "percent":
            words[i] = core[:-1] + " percent" + tail
        elif op == "number":
            new = _change_number(rng, core)
            if not new or new == core:
                continue
            words[i] = new + tail
        elif op == "substitute":
            new = pick(rng, SUBSTITUTIONS[lower])
            if new == core or (" " in new and i + 1 < len(words) and words[i + 1][:1].isupper()):
                continue  # not '"...," told reporters Smith
            words[i] = new + tail
        elif op == "drop":
            del words[i]
        elif op == "insert":
            words.insert(i + 1, pick(rng, INSERT_AFTER[lower]))
        else:
            words.insert(i, "on")
        return True
    return False


def _editable(word):
    """Whether edit_word has a specific edit for this word (a number, a listed word ...)."""
    core = word.rstrip(PUNCT)
    lower = core.lower()
    return (word in STYLE or lower in SUBSTITUTIONS or lower in DROPPABLE or lower in INSERT_AFTER
            or core in WEEKDAY_NAMES or (not core.isalpha() and any(c.isdigit() for c in core)))


def light_edit(rng, paragraphs, lo=0.01, hi=0.03):
    """Substitute, insert or delete 1-3 % of the words (numbers changed, 'said' -> 'told
    reporters', an adverb dropped, house style: 'Nov.' -> 'November', '4%' -> '4 percent')."""
    split = [p.split(" ") for p in paragraphs]
    total = sum(len(w) for w in split)
    edits = max(1, int(round(total * (lo + rng.random() * (hi - lo)))))
    candidates = [(pi, wi) for pi, words in enumerate(split) if len(words) >= 4
                  for wi, word in enumerate(words) if wi > 0 and _editable(word)]
    chosen = set()
    attempts = edits + edits // 5 + 1  # a few candidates turn out not to fit any edit
    while candidates and len(chosen) < attempts:
        chosen.add(candidates.pop(int(rng.random() * len(candidates))))
    # Edits insert and delete words: apply them from the end of each paragraph backwards.
    for pi, wi in sorted(chosen, reverse=True):
        edit_word(rng, split[pi], wi)
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
