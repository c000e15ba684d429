"""Original stories: facts, people and paragraphs, written from the topic templates.

A story is planned as a lede, a second paragraph that develops it, a quote from an official,
then a random mix of detail, quote, reaction, background and reported-speech paragraphs, and
often a closing line. A story draws a word target (300-1,200, mean ~650); paragraphs get 1-4
sentences so that it fits in 6-20 paragraphs.

Templates are drawn without replacement within a story, and each story sees only a random 60 %
of its topic's templates (the rest of its sentences come from generic pools), so two stories of
one topic share few sentences. The ids of the templates a story used are kept so that a
`same-topic` story about the same event can avoid them: it shares the people, places and facts,
not the sentences (though, like real follow-ups, it may recycle a paragraph verbatim).
"""

from .grammar import Context, tidy
from .topics import GENERIC, TOPICS, TOPIC_WEIGHTS
from .vocab import (FILLERS, MONTHS, STATES, WEEKDAYS, between, comma, county, date_ap, date_in_year,
                    full_name, pick, street, town, TOWN_ROOTS)

MIN_WORDS, MAX_WORDS = 300, 1200
RIVER_FORMS = ["the {r} River", "the {r} River", "Lake {r}", "{r} Creek"]
DIRECTIONS = ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]
# Roles that are written about but never quoted.
NOT_SPEAKERS = ("def", "sus")
VOICE_ROLES = ("res", "crit")
TOPIC_SUBSET_ROLES = ("details", "quotes", "voices", "background")
TOPIC_SUBSET_SHARE = 0.6


class Story:
    """One news event as first written: what the copies and same-topic stories derive from."""

    __slots__ = ("cluster", "topic", "facts", "people", "title", "paragraphs", "used", "date",
                 "hour", "minute", "wire", "section", "authors", "lede_template")

    def words(self):
        return sum(p.count(" ") + 1 for p in self.paragraphs)


def choose_topic(rng):
    total = sum(TOPIC_WEIGHTS)
    x = rng.random() * total
    for topic, w in zip(TOPICS, TOPIC_WEIGHTS):
        x -= w
        if x < 0:
            return topic
    return TOPICS[-1]


def base_facts(rng):
    """Facts every story has: where and when."""
    d = date_in_year(rng)
    state, state_ap = pick(rng, STATES)
    t = town(rng)
    t2 = town(rng)
    while t2 == t:
        t2 = town(rng)
    s1 = street(rng)
    s2 = street(rng)
    pop = between(rng, 18, 900) * 100
    facts = {
        "town": t, "town2": t2, "county": county(rng), "state": state, "state_ap": state_ap,
        "weekday": WEEKDAYS[d.weekday()], "weekday_next": WEEKDAYS[(d.weekday() + 1) % 7],
        "state_pos": state + ("'" if state.endswith("s") else "'s"),
        "date_ap": date_ap(d), "month": MONTHS[d.month - 1], "street": s1, "street2": s2,
        "pop": comma(pop),
        "county_pop": comma(pop * between(rng, 2, 9) // 10 * 10),
        "river": pick(rng, RIVER_FORMS).format(r=pick(rng, TOWN_ROOTS)), "dir": pick(rng, DIRECTIONS),
    }
    return facts, d


def person_facts(facts, people):
    """Expose each person's last name and pronouns as plain facts: {off_last}, {off_she} ..."""
    for role, p in people.items():
        facts[f"{role}_last"] = p.last
        facts[f"{role}_she"] = p.she
        facts[f"{role}_her"] = p.her


class Writer:
    """Writes paragraphs for one story, never using a template twice (nor an excluded one)."""

    def __init__(self, rng, topic, facts, people, exclude=()):
        self.rng = rng
        self.topic = topic
        self.ctx = Context(rng, facts, FILLERS, people)
        self.facts = facts
        self.slot = self.ctx.slot
        self.exclude = set(exclude)
        self.new = []
        self.remaining = {}
        self.rand = rng.random
        if topic is not None:
            # Each story sees only part of its topic's templates, so two stories of one topic
            # share fewer of them (the generic pools, rich in alternatives, make up the rest).
            for role in TOPIC_SUBSET_ROLES:
                pool = getattr(topic, role)
                keep = [t for t in pool if id(t) not in self.exclude and self.rand() < TOPIC_SUBSET_SHARE]
                self.remaining[id(pool)] = keep
        quiet = NOT_SPEAKERS + (topic.quiet_roles if topic is not None else ())
        speakers = [r for r in people if r not in quiet]
        self.officials = [r for r in speakers if r not in VOICE_ROLES and r != "exp"] or ["off"]
        self.generic_details = GENERIC["details"] if topic is None or topic.civic else GENERIC["details_neutral"]

    def draw(self, pool):
        """An unused template of `pool` (at random), or None when all are used."""
        remaining = self.remaining.get(id(pool))
        if remaining is None:
            if self.exclude:
                remaining = [t for t in pool if id(t) not in self.exclude]
            else:
                remaining = list(pool)
            self.remaining[id(pool)] = remaining
        if not remaining:
            return None
        i = int(self.rand() * len(remaining))
        t = remaining[i]
        remaining[i] = remaining[-1]
        remaining.pop()
        self.new.append(id(t))
        return t

    def sentence(self, *pools):
        """A sentence from the first pool that still has unused templates, or None.

        (draw() and Context.render() inlined: this is the generator's hottest loop.)
        """
        for pool in pools:
            remaining = self.remaining.get(id(pool))
            if remaining is None:
                remaining = self.remaining[id(pool)] = ([t for t in pool if id(t) not in self.exclude]
                                                        if self.exclude else list(pool))
            if remaining:
                i = int(self.rand() * len(remaining))
                t = remaining[i]
                remaining[i] = remaining[-1]
                remaining.pop()
                self.new.append(id(t))
                text = t(self.rand, self.facts, self.slot)
                if ".." in text or "  " in text or " ," in text or ",," in text:
                    text = tidy(text)
                return text[0].upper() + text[1:] if text[0].islower() else text
        return None

    def detail_paragraph(self, n):
        out = []
        for _ in range(n):
            s = self.sentence(self.topic.details, self.generic_details, self.topic.background, GENERIC["background"])
            if s is None:
                break
            out.append(s)
        return " ".join(out) if out else None

    def quote(self, pool, fallback=None):
        t = self.draw(pool) or (fallback and self.draw(fallback))
        return self.ctx.render(t) if t is not None else None

    def quote_paragraph(self, voice=False):
        """A quote with its attribution, sometimes followed by a sentence of context."""
        para = self._quote_paragraph(voice)
        if para and self.rng.random() < 0.35:
            more = self.sentence(self.topic.details, self.generic_details)
            if more:
                para = f"{para} {more}"
        return para

    def _quote_paragraph(self, voice):
        rng = self.rng
        ctx = self.ctx
        # Residents say the topic's "voices" lines; a critic speaks in generic lines.
        role = ("res" if rng.random() < 0.75 else "crit") if voice else pick(rng, self.officials)
        if role == "crit":
            q = self.quote(GENERIC["quotes"])
        else:
            q = self.quote(self.topic.voices if voice else self.topic.quotes, GENERIC["quotes"])
        if q is None:
            return self.detail_paragraph(2)
        person = ctx.people[role]
        known = role in ctx.introduced
        x = rng.random()
        if known and x < 0.3:
            q2 = self.quote(GENERIC["quotes"] if role == "crit" else self.topic.voices if voice else self.topic.quotes,
                            GENERIC["quotes"])
            if q2:
                return f'"{q}," {person.last} said. "{q2}."'
        if x < 0.45:
            return f'"{q}," said {ctx.person_ref("@" + role + ".")}.'
        if x < 0.65:
            where = pick(rng, ["", "", " in a statement", " in an interview", " at a news conference",
                               f" on {ctx.facts['weekday']}"])
            return f'"{q}," {ctx.person_ref("@" + role)} said{where}.'
        if x < 0.8:
            lead = self.sentence(self.topic.details, self.generic_details)
            if lead:
                return f'{lead} "{q}," {ctx.person_ref("@" + role)} said.'
        return f'"{q}," {ctx.person_ref("@" + role)} {pick(rng, ["said", "said", "added", "told reporters"])}.'

    def claim_paragraph(self):
        t = self.draw(self.topic.claims)
        if t is None:
            return self.detail_paragraph(1 + int(self.rng.random() * 2))
        role = pick(self.rng, self.officials + ["exp"])
        claim = self.ctx.render(t, capitalize=False)
        verb = pick(self.rng, ["said", "said", "said", "told reporters", "said in a statement", "added"])
        para = f"{self.ctx.person_ref('@' + role)} {verb} {claim}."
        if self.rng.random() < 0.5:
            more = self.sentence(self.topic.details, self.generic_details)
            if more:
                para = f"{para} {more}"
        return para


PARAGRAPH_ROLES = [("detail", 40), ("quote", 22), ("voice", 10), ("claim", 7), ("generic", 13),
                   ("background", 8)]
PARAGRAPH_ROLE_TOTAL = sum(w for _, w in PARAGRAPH_ROLES)


def story_plan(rng):
    """Target words (300-1,200, mean ~650) and mean sentences per paragraph (for 6-20 paragraphs)."""
    words = int(max(MIN_WORDS, min(MAX_WORDS, rng.gauss(650, 210))))
    paragraphs = int(max(6, min(20, words / 50 + (rng.random() - 0.5) * 5)))
    return words, words / paragraphs / 17


def sentences_in_paragraph(rng, mean):
    """Around `mean` sentences (1-4), stochastically rounded."""
    n = int(mean + rng.random() - 0.5 + (rng.random() - 0.5) * 1.5)
    return max(1, min(4, n))


def write_paragraphs(w, rng, lede_pool, extra_details=None):
    """The body of a story, written by Writer `w`."""
    target_words, per_paragraph = story_plan(rng)
    paragraphs = [w.ctx.render(w.draw(lede_pool) or w.draw(GENERIC["followup_ledes"]))]
    p2 = w.detail_paragraph(max(1, min(2, sentences_in_paragraph(rng, per_paragraph))))
    if p2:
        paragraphs.append(p2)
    quote = w.quote_paragraph()
    if quote:
        paragraphs.append(quote)
    words = sum(p.count(" ") + 1 for p in paragraphs)
    closing = rng.random() < 0.65
    stalls = 0
    while words < target_words - 15 * closing and len(paragraphs) < 20 - closing and stalls < 6:
        if extra_details and rng.random() < 0.35:
            para = w.sentence(extra_details)
        else:
            x = rng.random() * PARAGRAPH_ROLE_TOTAL
            role = "detail"
            for name, weight in PARAGRAPH_ROLES:
                x -= weight
                if x < 0:
                    role = name
                    break
            n = sentences_in_paragraph(rng, per_paragraph)
            if role == "detail":
                para = w.detail_paragraph(n)
            elif role == "quote":
                para = w.quote_paragraph()
            elif role == "voice":
                para = w.quote_paragraph(voice=True)
            elif role == "claim":
                para = w.claim_paragraph()
            elif role == "generic":
                para = " ".join(filter(None, (w.sentence(w.generic_details) for _ in range(n)))) or None
            else:
                para = " ".join(filter(None, (w.sentence(w.topic.background, GENERIC["background"], w.topic.details)
                                              for _ in range(max(1, n - 1))))) or None
        if not para:
            stalls += 1
            continue
        paragraphs.append(para)
        words += para.count(" ") + 1
    if closing:
        last = w.sentence(w.topic.closings, GENERIC["closings"])
        if last:
            paragraphs.append(last)
    while sum(p.count(" ") + 1 for p in paragraphs) > MAX_WORDS and len(paragraphs) > 6:
        paragraphs.pop(-2)
    return [tidy(p) if (".." in p or ",," in p) else p for p in paragraphs]


def reporters(rng):
    """The byline: one reporter, sometimes two."""
    names = [full_name(rng)[0]]
    if rng.random() < 0.22:
        names.append(full_name(rng)[0])
    return names


def write_story(rng, cluster=None):
    """A new original story (its cluster label is set by the caller)."""
    topic = choose_topic(rng)
    facts, d = base_facts(rng)
    people = {}
    topic.facts(rng, facts, people)
    person_facts(facts, people)
    w = Writer(rng, topic, facts, people)
    title_t = w.draw(topic.headlines)
    title = w.ctx.render(title_t)
    lede_count = len(w.new)
    paragraphs = write_paragraphs(w, rng, topic.ledes)
    story = Story()
    story.cluster = cluster
    story.topic = topic
    story.facts = facts
    story.people = people
    story.title = title
    story.paragraphs = paragraphs
    story.used = w.new
    story.lede_template = w.new[lede_count] if len(w.new) > lede_count else None
    story.date = d
    story.hour = between(rng, 5, 22)
    story.minute = between(rng, 0, 59)
    story.wire = pick(rng, topic.wires.split())
    story.section = pick(rng, topic.sections)
    story.authors = reporters(rng)
    return story


def alternative_headline(rng, story):
    """Another headline for the same story (the `headline` kind)."""
    w = Writer(rng, story.topic, story.facts, story.people)
    for _ in range(8):
        title = w.ctx.render(pick(rng, story.topic.headlines))
        if title != story.title:
            return title
    return f"{story.title}: {pick(rng, ['What we know', 'Live updates', 'What to know'])}"


def alternative_lede(rng, story):
    """The first paragraph rewritten: another lede template on the same facts (`new-lede`)."""
    w = Writer(rng, story.topic, story.facts, story.people, exclude=[story.lede_template])
    for _ in range(6):
        t = w.draw(story.topic.ledes) or w.draw(GENERIC["followup_ledes"])
        if t is None:
            break
        lede = w.ctx.render(t)
        if lede != story.paragraphs[0]:
            return lede
    return f"{story.facts['town']} — {story.paragraphs[0]}"


def recycle_paragraphs(rng, source, paragraphs):
    """Follow-ups often reuse a background paragraph or a quote of the first story verbatim:
    copy 0-3 of `source`'s later paragraphs into the second half of `paragraphs`."""
    x = rng.random()
    k = 0 if x < 0.25 else 1 if x < 0.65 else 2 if x < 0.9 else 3
    candidates = list(source[2:])
    for _ in range(min(k, len(candidates))):
        para = candidates.pop(int(rng.random() * len(candidates)))
        half = len(paragraphs) // 2
        paragraphs.insert(half + int(rng.random() * (len(paragraphs) - half + 1)), para)


def write_same_topic(rng, story, cluster=None):
    """An independently written story about the same event, a day later: same people, places
    and facts, none of the original's sentence templates."""
    facts = dict(story.facts)
    facts["weekday"], facts["weekday_next"] = story.facts["weekday_next"], WEEKDAYS[
        (WEEKDAYS.index(story.facts["weekday_next"]) + 1) % 7]
    w = Writer(rng, story.topic, facts, story.people, exclude=story.used)
    title_t = w.draw(story.topic.headlines)
    title = w.ctx.render(title_t) if title_t else f"{story.title}: {pick(rng, ['What happens next', 'The day after'])}"
    lede_pool = GENERIC["followup_ledes"] if rng.random() < 0.6 else story.topic.ledes
    paragraphs = write_paragraphs(w, rng, lede_pool, extra_details=GENERIC["followup_details"])
    recycle_paragraphs(rng, story.paragraphs, paragraphs)
    other = Story()
    other.cluster = cluster
    other.topic = story.topic
    other.facts = facts
    other.people = story.people
    other.title = title
    other.paragraphs = paragraphs
    other.used = w.new
    other.lede_template = None
    other.date = story.date
    other.hour = between(rng, 5, 22)
    other.minute = between(rng, 0, 59)
    other.wire = pick(rng, story.topic.wires.split())
    other.section = story.section
    other.authors = reporters(rng)
    return other
