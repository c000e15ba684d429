"""Outlets and their boilerplate, and the two output shapes (JSONL record, scraped text file).

A `Look` is how one outlet dressed one article: dateline, byline, stamp, promo lines between
paragraphs, trailers, footer, section label, summary; a few outlets also have a house
typography (curly quotes, or "--" for dashes) applied to everything they print. Copies get a new Look from another
outlet (`boilerplate`), or keep the source's Look with one thing changed (`headline`,
`dateline`). The clean paragraphs and the Look are assembled into bytes only at the end.

Wire credits (AP, Reuters, CNN) appear only as boilerplate patterns (datelines, bylines,
copyright lines); every outlet name is invented and every domain is under `.example`.
"""

import datetime
import json
import re

from .variants import curly_quotes
from .vocab import MONTHS, MONTHS_ABBR, WEEKDAYS, between, full_name, pick

WIRE_NAMES = {"AP": "Associated Press", "Reuters": "Reuters", "CNN": "CNN", "local": None}
WIRE_FOOTERS = {
    "AP": ["© 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
           "© 2026 The Associated Press. All rights reserved.",
           "Copyright 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."],
    "Reuters": ["Our Standards: The Thomson Trust Principles.", "© 2026 Reuters. All rights reserved."],
    "CNN": ["© 2026 Cable News Network. All Rights Reserved."],
    "local": [],
}

# Promo lines the built-in rule pack is meant to know ({h}: another story's headline).
KNOWN_PROMOS = [
    "Advertisement", "Advertisement", "Story continues below advertisement", "ADVERTISEMENT",
    "Sign up for our morning newsletter.", "Sign up for our morning newsletter here.",
    "Get breaking news alerts delivered to your inbox.", "Subscribe to our daily newsletter.",
    "Related: {h}", "Related: {h}", "Read more: {h}", "RELATED: {h}", "See also: {h}",
    "Click here to get the app.", "Download the free {outlet} app.", "Share this article",
    "Follow us on Twitter @{handle}", "Follow us on Facebook", "Like {outlet} on Facebook",
    "Article continues below advertisement", "Recommended: {h}",
]

# Boilerplate lines that are realistic but that a rule pack might not know.
NOVEL_LINES = [
    "This story has been updated with additional details.", "This story has been updated.",
    "This is a developing story. Check back for updates.",
    "Have a news tip? Email us at tips@{domain}.", "Got a story idea? Contact the newsroom at newsroom@{domain}.",
    "Copyright 2026 Nexstar Media Inc. All rights reserved.", "Copyright {year} {outlet}. All Rights Reserved.",
    "___", "—", "* * *",
    "Associated Press writer {name} in {town} contributed.", "{name} contributed reporting from {town}.",
    "Photos: {caption}", "WATCH: {h}", "PHOTOS: {h}", "VIDEO: {h}", "MORE: {h}", "Don't miss: {h}",
    "Listen to this article", "Listen · {n} min", "This article originally appeared on {outlet}.",
    "Our journalism needs your support. Subscribe today at {domain}.", "Comments are closed.",
    "Contact reporter {name} at {email}@{domain} or 555-0{n3}.", "Distributed by Meridian Content Agency, LLC.",
    "(Photo: {caption})", "{caption} ({name}/{outlet})", "Trending now: {h}",
    "The Associated Press receives support from the Halvorsen Family Foundation for health and science coverage. The AP is solely responsible for all content.",
    "Want more local news? Download our app for alerts on your phone.",
    "Editor's note: This story contains details some readers may find disturbing.",
    "Copyright © 2026 {outlet}. This material may not be republished without permission.",
    "{name} covers local government for {outlet}. Reach {name} at {email}@{domain}.",
    "{name} is a reporter for {outlet}. Follow {name} on social media @{email}reports.",
    "Click to share on Facebook (Opens in new window)", "Image credit: {name}/{outlet}",
    "Recommended for you", "Most Read", "SPONSORED CONTENT",
]
# Blocks printed after some stories: a heading and a few other headlines, one per paragraph.
LINK_BLOCK_HEADINGS = ["Most Read", "Recommended for you", "More from {outlet}", "Trending Now", "Latest News"]

CAPTIONS = [
    "Crews work at the scene on {weekday}", "A sign outside City Hall in {town}", "Residents gather outside the building on {weekday}",
    "The site as seen from {street}", "Officials speak to reporters in {town} on {weekday}", "Traffic backs up near {street}",
    "A view of downtown {town}", "Supporters hold signs before the meeting",
]

NOT_SLUG = re.compile(r"[^a-z0-9 ]+")
STAMPS = ["updated_et", "published_at", "posted_updated", "last_updated", "updated_ago", "posted_slash", "published_et"]


def stamp_text(style, t):
    """A 'Posted/Updated' stamp for publication time t (a datetime)."""
    h12 = t.hour % 12 or 12
    ampm = "AM" if t.hour < 12 else "PM"
    ap = "a.m." if t.hour < 12 else "p.m."
    if style == "updated_et":
        return f"Updated {h12}:{t.minute:02d} {ampm} ET, {WEEKDAYS[t.weekday()][:3]} {MONTHS[t.month - 1]} {t.day}, {t.year}"
    if style == "published_at":
        return f"Published: {MONTHS_ABBR[t.month - 1]} {t.day}, {t.year} at {h12}:{t.minute:02d} {ap}"
    if style == "posted_updated":
        return "Posted Updated"
    if style == "last_updated":
        return f"Last updated: {t.year}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"
    if style == "updated_ago":
        return f"Updated {1 + t.minute % 9} hours ago"
    if style == "posted_slash":
        return f"Posted: {MONTHS_ABBR[t.month - 1]}. {t.day}, {t.year} / {h12:02d}:{t.minute:02d} {ampm} EST"
    return f"Published {h12}:{t.minute:02d} {ap} ET {MONTHS_ABBR[t.month - 1]}. {t.day}, {t.year}"


class Outlet:
    """A publisher and its house style (probabilities and choices of boilerplate)."""

    def __init__(self, slug, name, domain, *, wire=None, section_p=0.5, summary_p=0.0, stamps=(),
                 stamp_p=0.8, bylines=("one",), promos=(), promo_n=(0, 2), footer=None, wire_footer_p=0.5,
                 datelines=("wire",), trailer_p=0.5, body_key="body", author_key="author",
                 date_key="published", body_byline_p=0.0, field_block_p=0.0, handle=None, house_style=None):
        self.slug, self.name, self.domain = slug, name, domain
        self.wire = wire
        self.section_p, self.summary_p = section_p, summary_p
        self.stamps, self.stamp_p = stamps, stamp_p
        self.bylines = bylines
        self.promos, self.promo_n = promos, promo_n
        self.footer, self.wire_footer_p = footer, wire_footer_p
        self.datelines = datelines
        self.trailer_p = trailer_p
        self.body_key, self.author_key, self.date_key = body_key, author_key, date_key
        self.body_byline_p = body_byline_p
        self.field_block_p = field_block_p
        self.handle = handle or name.replace("The ", "").replace(" ", "")
        # Typography every article of this outlet gets: "curly" quotes, or "ascii" dashes ("--").
        self.house_style = house_style


WIRE_OUTLETS = {
    "AP": Outlet("ap-wire", "The Associated Press", "newswire.example", wire="AP", section_p=0.3, stamps=("published_et",),
                 stamp_p=0.2, bylines=("by_wire",), promos=(), promo_n=(0, 0), footer=None, wire_footer_p=0.6,
                 datelines=("wire",), trailer_p=0.2),
    "Reuters": Outlet("reuters-wire", "Reuters", "wirefeed.example", wire="Reuters", section_p=0.2, stamps=("updated_ago",),
                      stamp_p=0.1, bylines=("by_names",), promos=(), promo_n=(0, 0), wire_footer_p=0.3,
                      datelines=("wire",), trailer_p=0.95, author_key="authors"),
    "CNN": Outlet("cnn-wire", "CNN", "cnn-wire.example", wire="CNN", section_p=0.8, summary_p=0.7,
                  stamps=("posted_updated", "updated_et"), bylines=("two_line_wire",), promo_n=(0, 1),
                  promos=("Related: {h}",), wire_footer_p=0.7, datelines=("wire", "cnn_glued"), author_key="authors"),
}

OUTLETS = [
    Outlet("valley-courier", "The Valley Courier", "valleycourier.example", stamps=("updated_et",),
           bylines=("by_names", "one"), promos=("Advertisement", "Sign up for our morning newsletter here."),
           promo_n=(1, 3), footer="All rights reserved.", datelines=("wire", "city"), body_key="text",
           house_style="ascii"),
    Outlet("lakeshore-daily", "Lakeshore Daily", "lakeshoredaily.example", section_p=0.9, summary_p=0.8,
           stamps=("published_at",), bylines=("by_wire", "one"), promo_n=(0, 1),
           footer="Copyright 2026 by Lakeshore Media Group, Inc. All rights reserved.", wire_footer_p=0.8),
    Outlet("northwind-news", "Northwind News Network", "northwindnews.example", section_p=0.9, summary_p=0.9,
           stamps=("posted_updated",), bylines=("two_line_wire", "two_line"),
           footer="Copyright 2026 by Northwind News Network, Inc. All rights reserved.", datelines=("wire", "cnn_glued"),
           author_key="authors"),
    Outlet("harbor-gazette", "Harbor Gazette", "harborgazette.example", stamps=("last_updated",),
           bylines=("two_line", "one"), promos=("Story continues below advertisement", "Related: {h}"), promo_n=(1, 2),
           footer="Copyright 2026 by Harbor Gazette Publishing, Inc. All rights reserved.", datelines=("city", "wire", "none"),
           trailer_p=0.7, house_style="curly"),
    Outlet("pinecrest-herald", "Pinecrest Herald", "pinecrestherald.example", summary_p=0.7, stamp_p=0.0,
           bylines=("by_names", "by_wire"), promos=("Read more: {h}", "Share this article", "Follow us on Twitter @{handle}"),
           promo_n=(1, 3), footer=None, trailer_p=0.8, author_key="byline", date_key="date"),
    Outlet("summit-ledger", "Summit Ledger", "summitledger.example", stamps=("published_at", "updated_et"),
           bylines=("one",), promo_n=(0, 1), footer="© 2026 Summit Ledger Co.", datelines=("wire", "none")),
    Outlet("riverbend-7", "Riverbend 7 News", "riverbend7.example", section_p=0.7, stamps=("updated_ago", "posted_slash"),
           bylines=("by_wire", "one"), promos=("Click here to get the app.", "Advertisement", "Download the free {outlet} app."),
           promo_n=(1, 3), footer="Copyright 2026 Riverbend Broadcasting, LLC. All rights reserved.",
           author_key="byline", date_key="date", body_key="text", body_byline_p=0.3),
    Outlet("coastline-public-radio", "Coastline Public Radio", "coastlinepr.example", section_p=0.6, stamp_p=0.4,
           stamps=("published_et",), bylines=("by_names",), promos=("Follow us on Twitter @CoastlinePR", "Sign up for our weekday newsletter."),
           promo_n=(0, 2), footer=None, author_key="authors"),
    Outlet("midstate-tribune", "Midstate Tribune", "midstatetribune.example", stamps=("updated_et", "last_updated"),
           bylines=("upper_pipe", "one"), promos=("Sign up for our morning newsletter here.", "ADVERTISEMENT"),
           footer="Copyright 2026 by Midstate Tribune, Inc. All rights reserved."),
    Outlet("prairie-dispatch", "Prairie Dispatch", "prairiedispatch.example", section_p=0.3, stamps=("posted_slash",),
           bylines=("one",), promos=("Recommended: {h}", "Advertisement"), promo_n=(0, 2),
           footer="© Prairie Dispatch 2026", author_key="byline", date_key="date", datelines=("wire", "city")),
    Outlet("copperline-daily", "Copperline Daily", "copperlinedaily.example", stamps=("updated_et",), bylines=("by_names", "two_line"),
           promos=("Read more: {h}", "Subscribe to our daily newsletter."), footer="All rights reserved.",
           body_key="text", date_key="date", house_style="curly"),
    Outlet("evergreen-post-ledger", "Evergreen Post-Ledger", "evergreenpostledger.example", stamps=("published_at",),
           bylines=("by_wire", "by_names"), promos=("Story continues below advertisement",), promo_n=(1, 2),
           footer="Copyright 2026 by Evergreen Post-Ledger, Inc. All rights reserved.", author_key="byline", date_key="date"),
    Outlet("blue-hollow-times", "Blue Hollow Times", "bluehollowtimes.example", section_p=0.7, stamps=("posted_updated", "updated_et"),
           bylines=("one", "two_line"), promos=("Related: {h}", "Advertisement"), datelines=("cnn_glued", "wire", "city"),
           footer="Copyright 2026 Blue Hollow Media. All rights reserved.", author_key="authors", house_style="curly"),
    Outlet("tamsin-valley-now", "Tamsin Valley Now", "tamsinvalleynow.example", section_p=0.2, stamps=("updated_ago",),
           bylines=("one",), promos=("Get breaking news alerts delivered to your inbox.", "Like {outlet} on Facebook"),
           promo_n=(1, 2), footer=None, trailer_p=0.3, body_byline_p=0.4),
    Outlet("metro-wire-digest", "Metro Wire Digest", "metrowiredigest.example", section_p=0.5, stamp_p=0.3,
           stamps=("last_updated",), bylines=("none", "one"), promo_n=(0, 1), promos=("See also: {h}",),
           footer="Distributed by Metro Wire Digest.", field_block_p=0.6, author_key="byline"),
    Outlet("granite-bay-register", "Granite Bay Register", "granitebayregister.example", section_p=0.6, summary_p=0.4,
           stamps=("published_at", "posted_slash"), bylines=("by_names", "upper_pipe"),
           promos=("Advertisement", "Related: {h}", "Click here to get the app."), promo_n=(1, 3),
           footer="Copyright 2026 Granite Bay Register. All rights reserved.", datelines=("city", "wire")),
]


class Look:
    """How one outlet dressed one article (everything but the clean paragraphs)."""

    __slots__ = ("outlet", "title", "dateline", "byline", "authors", "stamp", "section_label", "summary",
                 "promos", "trailers", "footer", "lead_lines", "published", "url", "section", "field_block")

    def copy(self):
        other = Look.__new__(Look)
        for name in Look.__slots__:
            setattr(other, name, getattr(self, name))
        other.promos = list(self.promos)
        other.trailers = list(self.trailers)
        other.footer = list(self.footer)
        other.lead_lines = list(self.lead_lines)
        return other


def town_up(facts):
    return facts["town"].upper()


def dateline_text(rng, form, story, published):
    """The dateline prefix of the lede (with its trailing separator), '' for none."""
    f = story.facts
    wire = story.wire
    if form == "none":
        return ""
    if form == "cnn_glued" and wire == "CNN":
        return "(CNN)"
    if form in ("wire", "cnn_glued") and wire == "AP":
        return f"{town_up(f)}, {f['state_ap']} (AP) — "
    if form in ("wire", "cnn_glued") and wire == "Reuters":
        if rng.random() < 0.5:
            return f"{town_up(f)}, {f['state_ap']}, {MONTHS_ABBR[published.month - 1]} {published.day} (Reuters) - "
        return f"{town_up(f)} (Reuters) - "
    if form in ("wire", "cnn_glued") and wire == "CNN":
        return "(CNN) — " if rng.random() < 0.8 else f"{f['town']}, {f['state_ap']} (CNN) — "
    return pick(rng, [f"{town_up(f)}, {f['state_ap']} — ", f"{town_up(f)} — ", f"{town_up(f)}, {f['state_ap']} -- "])


def novel_dateline(rng, story, outlet):
    """Dateline forms seen in the wild that a rule pack may not know."""
    f = story.facts
    call = "W" + "".join(chr(65 + int(rng.random() * 26)) for _ in range(3))
    return pick(rng, [
        f"{f['town']}, {f['state_ap']} — ",
        f"{town_up(f)}, {f['state_ap']}, {f['date_ap']}, 2026 — ",
        f"{town_up(f)} ({outlet.name}) — ",
        f"{town_up(f)}, {f['state_ap']} /{outlet.name}/ -- ",
        f"{town_up(f)}, {f['state_ap']} ({call}) — ",
        f"{town_up(f)}, {f['state']}: ",
        f"{town_up(f)} - ",
    ])


def byline_text(rng, style, names, story, outlet):
    """The byline paragraph of a text file ('' for none)."""
    agency = WIRE_NAMES.get(story.wire) or outlet.name
    joined = " and ".join(names)
    if style == "none":
        return ""
    if style == "by_wire":
        return f"By {joined}, {agency}"
    if style == "two_line_wire":
        return f"By\n{joined} ({agency if story.wire == 'CNN' else outlet.name})"
    if style == "two_line":
        return f"By\n{joined}"
    if style == "upper_pipe":
        return f"BY {joined.upper()} | {outlet.name}"
    if style == "by_names":
        return f"By {joined}"
    return f"By {joined}, {outlet.name}" if rng.random() < 0.5 else f"By {joined}"


class _LineFields(dict):
    """Placeholder values for promo/novel lines, computed only when a line uses them."""

    def __init__(self, rng, story, outlet, headline_pool):
        super().__init__()
        self.rng, self.story, self.outlet, self.headlines = rng, story, outlet, headline_pool

    def __missing__(self, key):
        rng, f, outlet = self.rng, self.story.facts, self.outlet
        if key == "h":
            value = pick(rng, self.headlines) if self.headlines else "More local news"
        elif key in ("name", "email"):
            name = full_name(rng)[0]
            self["name"], self["email"] = name, name.split()[0].lower()
            return self[key]
        elif key == "town":
            value = f["town2"] if rng.random() < 0.5 else f["town"]
        elif key == "caption":
            value = pick(rng, CAPTIONS).format(weekday=f["weekday"], town=f["town"], street=f["street"])
        elif key == "n":
            value = between(rng, 2, 9)
        elif key == "n3":
            value = between(rng, 100, 999)
        else:
            value = {"outlet": outlet.name, "handle": outlet.handle, "domain": outlet.domain, "year": 2026}[key]
        self[key] = value
        return value


def fill_line(rng, line, story, outlet, headline_pool):
    """Fill a promo/novel line's placeholders."""
    if "{" not in line:
        return line
    return line.format_map(_LineFields(rng, story, outlet, headline_pool))


def promo_positions(rng, count, n_paragraphs):
    """Indices after which promo lines go (never after the last paragraph)."""
    if n_paragraphs < 3:
        return []
    return sorted(1 + int(rng.random() * (n_paragraphs - 2)) for _ in range(count))


def make_look(rng, story, outlet, published, headline_pool, n_paragraphs, title=None, novel_p=0.0):
    """A fresh Look for `story` at `outlet`, published at `published` (datetime)."""
    look = Look()
    look.outlet = outlet
    look.title = title or story.title
    look.published = published
    look.section = story.section
    look.url = f"https://{outlet.domain}/{published.year}/{published.month:02d}/{published.day:02d}/" + slugify(look.title)
    form = pick(rng, outlet.datelines)
    look.dateline = dateline_text(rng, form, story, published) if rng.random() < 0.9 else ""
    look.authors = list(story.authors)
    look.byline = byline_text(rng, pick(rng, outlet.bylines), look.authors, story, outlet)
    look.stamp = stamp_text(pick(rng, outlet.stamps), published) if outlet.stamps and rng.random() < outlet.stamp_p else None
    look.section_label = story.section if rng.random() < outlet.section_p else None
    look.summary = rng.random() < outlet.summary_p
    look.field_block = rng.random() < outlet.field_block_p
    lo, hi = outlet.promo_n
    n_promos = between(rng, lo, hi) if outlet.promos else 0
    look.promos = [(pos, fill_line(rng, pick(rng, outlet.promos), story, outlet, headline_pool))
                   for pos in promo_positions(rng, n_promos, n_paragraphs)]
    look.trailers = []
    if rng.random() < outlet.trailer_p:
        if story.wire == "Reuters":
            look.trailers.append(f"Reporting by {full_name(rng)[0]} in {story.facts['town']}; "
                                 f"Editing by {full_name(rng)[0]}{' and ' + full_name(rng)[0] if rng.random() < 0.3 else ''}")
        elif story.wire == "AP" and outlet.wire != "AP":
            look.trailers.append(pick(rng, ["The Associated Press contributed to this report.",
                                            f"Associated Press writer {full_name(rng)[0]} contributed to this report."]))
        elif story.wire == "CNN" and outlet.wire != "CNN":
            look.trailers.append(f"CNN’s {full_name(rng)[0]} contributed to this report.")
    look.footer = []
    if story.wire in ("AP", "Reuters", "CNN") and rng.random() < outlet.wire_footer_p:
        look.footer.append(pick(rng, WIRE_FOOTERS[story.wire]))
    if outlet.footer and rng.random() < 0.85:
        look.footer.append(outlet.footer)
    look.lead_lines = []
    if rng.random() < outlet.body_byline_p and look.byline and "\n" not in look.byline:
        look.lead_lines.append(look.byline)
    if rng.random() < novel_p:
        add_novel_lines(rng, look, story, headline_pool, n_paragraphs)
    return look


def add_novel_lines(rng, look, story, headline_pool, n_paragraphs):
    """1-2 boilerplate lines a rule pack may not know: in the body, after it, or before it;
    sometimes a block of links to other stories after the body."""
    if headline_pool and rng.random() < 0.25:
        look.trailers.append(fill_line(rng, pick(rng, LINK_BLOCK_HEADINGS), story, look.outlet, headline_pool))
        for _ in range(between(rng, 3, 5)):
            look.trailers.append(pick(rng, headline_pool))
    for _ in range(1 + (rng.random() < 0.3)):
        line = fill_line(rng, pick(rng, NOVEL_LINES), story, look.outlet, headline_pool)
        x = rng.random()
        if x < 0.45:
            look.trailers.append(line)
        elif x < 0.85 and n_paragraphs >= 3:
            look.promos.append((promo_positions(rng, 1, n_paragraphs)[0], line))
            look.promos.sort(key=lambda p: p[0])
        else:
            look.lead_lines.append(line)


def slugify(title):
    """'Council OKs $48M road bond' -> 'council-oks-48m-road-bond'."""
    return "-".join(NOT_SLUG.sub("", title.lower()).split()[:9])


def house_style(style, paragraphs):
    """An outlet's typography applied to clean paragraphs."""
    if style == "curly":
        return [curly_quotes(p) for p in paragraphs]
    if style == "ascii":
        return [p.replace(" — ", " -- ").replace("“", '"').replace("”", '"').replace("’", "'") for p in paragraphs]
    return list(paragraphs)  # always a new list: the caller edits it


def body_paragraphs(look, paragraphs):
    """The paragraphs as the outlet printed them: house typography, dateline, promo lines,
    trailers, footer."""
    body = house_style(look.outlet.house_style, paragraphs)
    if look.dateline and body:
        body[0] = look.dateline + body[0]
    for pos, line in reversed(look.promos):
        if pos < len(body) - 1:
            body.insert(pos + 1, line)
    return look.lead_lines + body + look.trailers + look.footer


def iso(t):
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}Z"


def json_record_tail(look, paragraphs):
    """A JSONL record without its id: the text after '{"id": "...", '."""
    outlet = look.outlet
    rec = {"url": look.url, "title": look.title, outlet.body_key: "\n\n".join(body_paragraphs(look, paragraphs))}
    if outlet.author_key == "authors":
        rec["authors"] = look.authors
    elif outlet.author_key == "byline":
        rec["byline"] = look.byline.replace("\n", " ") if look.byline else " and ".join(look.authors)
    else:
        rec["author"] = " and ".join(look.authors)
    rec[outlet.date_key] = iso(look.published)
    rec["source"] = outlet.name
    rec["section"] = look.section
    return json.dumps(rec, ensure_ascii=False)[1:]


def text_file(look, paragraphs):
    """A scraped plain-text article."""
    parts = []
    if look.field_block:
        parts.append(f"Title: {look.title}\nURL: {look.url}\nSource: {look.outlet.name}\n"
                     f"Date: {iso(look.published)}")
    if look.section_label:
        parts.append(look.section_label)
    parts.append(look.title)
    if look.summary and paragraphs:
        parts.append(house_style(look.outlet.house_style, paragraphs[:1])[0])
    if look.stamp:
        parts.append(look.stamp)
    if look.byline:
        parts.append(look.byline)
    body = body_paragraphs(look, paragraphs)
    parts.extend(body)
    return "\n\n".join(parts) + "\n"


def publish_time(story, delay_minutes=0):
    base = datetime.datetime(story.date.year, story.date.month, story.date.day, story.hour, story.minute)
    return base + datetime.timedelta(minutes=delay_minutes)
