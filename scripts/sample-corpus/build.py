#!/usr/bin/env python3
"""Deterministically build sample-data/ from stories.txt + templates.py (gzip and zstd CLIs needed)."""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import templates as T  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sample-data")
HERE = os.path.dirname(os.path.abspath(__file__))

AP_RIGHTS = "© 2026 The Associated Press. All rights reserved."
WIRE_NOTICE = "This material may not be published, broadcast, rewritten or redistributed."


# ---------------------------------------------------------------- stories
def load_stories():
    raw = open(os.path.join(HERE, "stories.txt"), encoding="utf-8").read()
    stories = {}
    for chunk in raw.split("=== ")[1:]:
        head, body = chunk.split("\n---\n", 1)
        lines = head.strip().split("\n")
        slug = lines[0].strip()
        meta = {}
        for ln in lines[1:]:
            k, v = ln.split(":", 1)
            meta[k.strip()] = v.strip()
        paras = [p.strip() for p in body.strip().split("\n\n")]
        for p in paras:
            assert "\n" not in p, (slug, p[:40])
        meta["authors"] = [a.strip() for a in meta["authors"].split(";")]
        meta["slug"] = slug
        meta["paras"] = paras
        stories[slug] = meta
    return stories


def template_stories():
    out = {}
    for e in T.EARNINGS:
        paras = [p.format(**e) for p in T.EARNINGS_PARAS]
        out[e["slug"]] = dict(slug=e["slug"], title=e["title"], section="Business", wire="AP",
                              place=e["place"], date=e["date"], authors=["Associated Press"],
                              paras=paras)
    for w in T.WEATHER:
        paras = [p.format(**w) for p in T.WEATHER_PARAS]
        out[w["slug"]] = dict(slug=w["slug"], title=w["title"], section="Weather", wire="local",
                              place="PORT TAMSIN, Ohio", date=w["date"], authors=["Jenna Kowalski"],
                              paras=paras, stamp=w["stamp"], file=w["file"])
    return out


S = load_stories()
S.update(template_stories())


# ---------------------------------------------------------------- helpers
def dateline(st, form="wire"):
    wire, place = st["wire"], st.get("place", "")
    if form == "none":
        return ""
    if form == "cnn-glued":
        return "(CNN)"
    if form == "plain":
        return f"{place} — "
    if wire == "AP":
        return f"{place} (AP) — "
    if wire == "Reuters":
        return f"{place} (Reuters) - "
    if wire == "CNN":
        return "(CNN) — "
    return f"{place} — "


def curly(s):
    out, open_q = [], True
    for ch in s:
        if ch == '"':
            out.append("“" if open_q else "”")
            open_q = not open_q
        elif ch == "'":
            out.append("’")
        else:
            out.append(ch)
    assert open_q, f"unbalanced quotes: {s[:60]}"
    return "".join(out)


def typo(s, mode):
    if mode == "curly":
        return curly(s)
    if mode == "ascii-dash":
        return s.replace("—", "--")
    if mode == "curly+ascii-dash":
        return curly(s).replace("—", "--")
    return s


def sub1(p, old, new):
    assert p.count(old) == 1, (old, p[:50])
    return p.replace(old, new)


def body_paras(st, paras=None, dl="wire", promos=None, lede_twice=None, trailers=(), typomode="straight"):
    """Return list of body paragraphs including boilerplate, typography applied."""
    paras = list(st["paras"] if paras is None else paras)
    promos = promos or {}
    out = []
    first = dateline(st, dl) + paras[0]
    if lede_twice == "plain-then-dateline":
        out.append(paras[0])
        out.append(first)
    elif lede_twice == "verbatim":
        out.append(first)
        out.append(first)
    else:
        out.append(first)
    for i, p in enumerate(paras[1:], start=2):
        if (i - 1) in promos:
            out.append(promos[i - 1])
        out.append(p)
    if len(paras) in promos:
        out.append(promos[len(paras)])
    out.extend(trailers)
    return [typo(p, typomode) for p in out]


def render_text(*, section, title, summary, stamp, byline, body, footer=(), trailing_newline=True, typomode="straight"):
    blocks = []
    if section:
        blocks.append(section)
    blocks.append(typo(title, typomode))
    if summary:
        blocks.append(typo(summary, typomode))
    if stamp:
        blocks.append(stamp)
    blocks.append(byline)
    blocks.extend(body)
    blocks.extend(footer)
    return "\n\n".join(blocks) + ("\n" if trailing_newline else "")


def rid(prefix, *parts):
    h = hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]
    return f"{prefix}-{h}"


def url(domain, st, date=None, suffix=""):
    d = (date or st["date"])[:10].replace("-", "/")
    return f"https://{domain}/{d}/{st['slug']}{suffix}"


def trimmed(st, keep):
    n = len(st["paras"])
    cut = (n - keep) / n
    assert 0.2 <= cut <= 0.5, (st["slug"], keep, n, cut)
    return st["paras"][:keep]


# ---------------------------------------------------------------- edits
def edit_aldermoor(p):
    p = list(p)
    p[0] = "On Monday night, Aldermoor became the first city in Connecticut to limit how much landlords can raise rents. " + p[0]
    p[4] = sub1(p[4], "a retired machinist", "a retired tool-and-die maker")
    p[7] = sub1(p[7], "an increase of about 47%", "a jump of nearly 47%")
    return p


def edit_caldwell(p):
    p = list(p)
    p[2] = sub1(p[2], " His wife, seated in the second row, wept quietly.", "")
    p[2] = sub1(p[2], "showed little reaction", "showed no visible emotion")
    p[7] = p[7] + " The utility serves about 7,400 homes and businesses."
    return p


def edit_sawback(p):
    p = list(p)
    p[6] = sub1(p[6], "hauling gear", "carrying equipment")
    p[6] = p[6] + " The most distant lake required a two-day trek each way."
    p[4] = sub1(p[4], "the authors said", "the researchers said")
    return p


def edit_kellan(p):
    p = list(p)
    p[0] = "Bus and train riders in Oregon's Kellan Valley will soon pay 25% more per trip. " + p[0]
    p[6] = sub1(p[6], ' "We are balancing the budget on the backs of the people with the fewest options," he said.', "")
    return p


# ---------------------------------------------------------------- outputs
TEXT = []      # (relpath, content, gz, cluster, kind)
FEEDS = {"wire-service.jsonl": [], "affiliates-2026-11.jsonl": [], "regional-mix.jsonl": []}
FEED_COMPRESS = {"wire-service.jsonl": None, "affiliates-2026-11.jsonl": "gz", "regional-mix.jsonl": "zst"}
EXPECT = []


def add_text(outlet, fname, content, cluster, kind, gz=False):
    rel = f"articles/text/{outlet}/{fname}.txt" + (".gz" if gz else "")
    TEXT.append((rel, content, gz))
    EXPECT.append({"id": rel, "cluster": cluster, "kind": kind})


def add_rec(feed, rec, cluster, kind):
    FEEDS[feed].append(rec)
    EXPECT.append({"id": rec["id"], "cluster": cluster, "kind": kind})


def joined(paras):
    return "\n\n".join(paras)


# Outlet text renderers -------------------------------------------------------
def lakeshore(st, *, kind, fname, paras=None, byline=None, title=None, stamp, section=None, footer="ap", dl="wire"):
    body = body_paras(st, paras, dl=dl)
    foot = {"ap": [f"{AP_RIGHTS} {WIRE_NOTICE}"],
            "own": ["Copyright 2026 by Lakeshore Media Group, Inc. All rights reserved."]}[footer]
    summary = None if footer == "own" else (paras or st["paras"])[0]
    byline = byline or f"By {st['authors'][0]}, Associated Press"
    content = render_text(section=section or st["section"], title=title or st["title"], summary=summary,
                          stamp=stamp, byline=byline, body=body, footer=foot)
    return content


def northwind(st, *, byline, dl="wire", trailing_newline=True, title=None):
    body = body_paras(st, dl=dl)
    return render_text(section=st["section"], title=title or st["title"], summary=st["paras"][0],
                       stamp="Posted Updated", byline=byline, body=body,
                       footer=["Copyright 2026 by Northwind News Network, Inc. All rights reserved."],
                       trailing_newline=trailing_newline)


def valley(st, *, stamp, byline, paras=None, title=None, dl="wire", ad_after=3, news_after=6):
    n = len(paras or st["paras"])
    promos = {ad_after: "Advertisement"}
    if news_after and news_after < n:
        promos[news_after] = "Sign up for our morning newsletter here."
    body = body_paras(st, paras, dl=dl, promos=promos, typomode="ascii-dash")
    return render_text(section=None, title=title or st["title"], summary=None, stamp=stamp, byline=byline,
                       body=body, footer=["All rights reserved."], typomode="ascii-dash")


def harbor(st, *, stamp, byline, paras=None, title=None, dl="wire", related=None, trailer=None, section=None):
    promos = {2: "Story continues below advertisement"}
    if related:
        promos[5] = f"Related: {related}"
    trailers = [trailer] if trailer else []
    body = body_paras(st, paras, dl=dl, promos=promos, trailers=trailers, typomode="curly")
    return render_text(section=section or st["section"], title=title or st["title"], summary=None, stamp=stamp,
                       byline=byline, body=body,
                       footer=["Copyright 2026 by Harbor Gazette Publishing, Inc. All rights reserved."],
                       typomode="curly")


def pinecrest(st, *, byline, paras=None, title=None, dl="wire", promos=None, trailers=(), footer=()):
    body = body_paras(st, paras, dl=dl, promos=promos, trailers=list(trailers))
    return render_text(section=None, title=title or st["title"], summary=(paras or st["paras"])[0], stamp=None,
                       byline=byline, body=body, footer=list(footer))


def credit(st):
    return st["credit"]


# ============================================================ the corpus
def build():
    # 1. millbrook-bridge ------------------------------------------------
    st = S["millbrook-bridge"]
    c = "millbrook-bridge"
    orig = lakeshore(st, kind="original", fname="millbrook-bridge-closed",
                     stamp="Published: Nov 27, 2026 at 9:40 a.m.")
    add_text("lakeshore-daily", "millbrook-bridge-closed", orig, c, "original")
    add_text("summit-ledger", "millbrook-bridge-closed", orig, c, "exact")
    add_text("valley-courier", "canal-street-bridge-closure",
             valley(st, stamp="Updated 6:12 AM ET, Fri November 27, 2026", byline="By Dana Whitfield",
                    title="Millbrook closes Canal Street Bridge indefinitely; detour adds 14 miles", ad_after=3,
                    news_after=7),
             c, "boilerplate")
    add_rec("affiliates-2026-11.jsonl", {
        "id": rid("aff", c, "riverbend"), "url": url("www.riverbend7.example", st, suffix="-ap"),
        "title": st["title"],
        "text": joined(body_paras(st, promos={3: "Advertisement", 7: "Click here to get the app."},
                                  trailers=[f"{AP_RIGHTS} {WIRE_NOTICE}"])),
        "byline": "By Dana Whitfield, Associated Press", "date": "2026-11-27T11:05:00Z",
        "source": "Riverbend 7 News", "section": "National"}, c, "boilerplate")
    add_rec("regional-mix.jsonl", {
        "id": rid("reg", c, "midstate"), "url": url("midstatetribune.example", st),
        "title": "Inspectors close Millbrook's Canal Street Bridge",
        "body": joined(body_paras(st, trimmed(st, 7), promos={4: "Sign up for our morning newsletter here."},
                                  trailers=["Copyright 2026 by Midstate Tribune, Inc. All rights reserved."])),
        "author": "Dana Whitfield", "published": "2026-11-27T12:30:00Z",
        "source": "Midstate Tribune", "section": "Ohio"}, c, "trimmed")

    # 2. aldermoor-rent-cap ----------------------------------------------
    st = S["aldermoor-rent-cap"]
    c = "aldermoor-rent-cap"
    add_rec("wire-service.jsonl", {
        "id": rid("wire", c), "url": url("newswire.example", st), "title": st["title"],
        "body": joined(body_paras(st)), "author": "Priya Castellano", "published": st["date"],
        "source": "The Associated Press", "section": st["section"]}, c, "original")
    add_text("harbor-gazette", "aldermoor-rent-cap",
             harbor(st, stamp="Last updated: 2026-11-24 10:02", byline="By\nPriya Castellano", dl="plain",
                    related="Housing costs keep climbing across New England",
                    trailer="The Associated Press contributed to this report."),
             c, "boilerplate", gz=True)
    add_rec("affiliates-2026-11.jsonl", {
        "id": rid("aff", c, "coastline"), "url": url("news.coastlinepr.example", st),
        "title": "Aldermoor council approves 4% cap on yearly rent increases",
        "body": joined(body_paras(st, lede_twice="plain-then-dateline",
                                  promos={9: "Follow us on Twitter @CoastlinePR"})),
        "authors": ["Priya Castellano"], "published": "2026-11-24T13:00:00Z",
        "source": "Coastline Public Radio", "section": "Housing"}, c, "boilerplate")
    ep = edit_aldermoor(st["paras"])
    add_text("pinecrest-herald", "aldermoor-rent-vote",
             pinecrest(st, paras=ep, byline="By Priya Castellano, Associated Press",
                       title="Aldermoor becomes first Connecticut city to cap rent increases",
                       promos={4: "Read more: What a rent board does, and what it doesn't"},
                       trailers=["Share this article"]),
             c, "edited")

    # 3. pennsylvania-lake-effect-snow -----------------------------------
    st = S["pennsylvania-lake-effect-snow"]
    c = "pennsylvania-lake-effect-snow"
    add_text("northwind-news", "lake-effect-snow-pennsylvania",
             northwind(st, byline="By\nJonah Brandt and Keisha Morales (CNN)", trailing_newline=False),
             c, "original")
    add_rec("affiliates-2026-11.jsonl", {
        "id": rid("aff", c, "bluehollow"), "url": url("bluehollowtimes.example", st),
        "title": st["title"],
        "body": joined(body_paras(st, dl="cnn-glued", typomode="curly",
                                  promos={5: "Related: Power outages: What to do when the lights go out"})),
        "authors": ["Jonah Brandt", "Keisha Morales"], "published": "2026-11-22T17:45:00Z",
        "source": "Blue Hollow Times", "section": "Weather"}, c, "boilerplate")
    add_rec("regional-mix.jsonl", {
        "id": rid("reg", c, "evergreen"), "url": url("evergreenpostledger.example", st),
        "title": "Up to 37 inches of snow: Storm shuts I-86, knocks out power to 40,000",
        "body": joined(body_paras(st, promos={2: "Story continues below advertisement"},
                                  trailers=["Copyright 2026 by Evergreen Post-Ledger, Inc. All rights reserved."])),
        "byline": "By Jonah Brandt and Keisha Morales, CNN", "date": "2026-11-22T18:20:00Z",
        "source": "Evergreen Post-Ledger", "section": "Nation"}, c, "boilerplate")
    add_text("pinecrest-herald", "pennsylvania-snowstorm",
             pinecrest(st, paras=trimmed(st, 6), dl="cnn-glued", byline="By Jonah Brandt and Keisha Morales",
                       title="Pennsylvania snowstorm strands motorists, cuts power",
                       promos={6: "Follow us on Twitter @PinecrestHerald"}, footer=["All rights reserved."]),
             c, "trimmed")

    # 4. brennan-falls-utility-fraud -------------------------------------
    st = S["brennan-falls-utility-fraud"]
    c = "brennan-falls-utility-fraud"
    wire_rec = {
        "id": rid("wire", c), "url": url("newswire.example", st), "title": st["title"],
        "body": joined(body_paras(st, trailers=[AP_RIGHTS])), "author": "Marcus Ellery",
        "published": st["date"], "source": "The Associated Press", "section": st["section"]}
    add_rec("wire-service.jsonl", wire_rec, c, "original")
    resend = dict(wire_rec)
    resend["id"] = rid("reg", c, "resend")
    add_rec("regional-mix.jsonl", resend, c, "exact")
    add_text("lakeshore-daily", "brennan-falls-utility-verdict",
             lakeshore(st, kind="boilerplate", fname="", stamp="Published: Nov 20, 2026 at 5:05 p.m.",
                       title="Jury convicts ex-utility chief in $2.3 million embezzlement case"),
             c, "boilerplate")
    add_rec("affiliates-2026-11.jsonl", {
        "id": rid("aff", c, "copperline"), "url": url("copperlinedaily.example", st),
        "title": "Ex-Brennan Falls water director found guilty of fraud",
        "text": joined(body_paras(st, edit_caldwell(st["paras"]),
                                  promos={5: "Read more: How small utilities audit their contractors"})),
        "author": "Marcus Ellery", "date": "2026-11-21T01:15:00Z",
        "source": "Copperline Daily", "section": "Courts"}, c, "edited")

    # 5. tessaro-brightfield-merger --------------------------------------
    st = S["tessaro-brightfield-merger"]
    c = "tessaro-brightfield-merger"
    add_rec("wire-service.jsonl", {
        "id": rid("wire", c), "url": url("newswire.example", st), "title": st["title"],
        "body": joined(body_paras(st, trailers=[credit(st)])),
        "authors": ["Hannah Lowe", "Victor Szabo"], "published": st["date"],
        "source": "Reuters", "section": st["section"]}, c, "original")
    add_text("pinecrest-herald", "tessaro-brightfield-deal",
             pinecrest(st, byline="By Hannah Lowe and Victor Szabo",
                       trailers=[credit(st), "Share this article"]),
             c, "boilerplate")
    add_text("harbor-gazette", "grocery-merger",
             harbor(st, stamp="Last updated: 2026-11-18 09:47", byline="By\nHannah Lowe and Victor Szabo, Reuters",
                    title="Tessaro agrees to buy Brightfield Foods for $3.4 billion", trailer=credit(st)),
             c, "boilerplate", gz=True)
    add_rec("affiliates-2026-11.jsonl", {
        "id": rid("aff", c, "prairie"), "url": url("prairiedispatch.example", st),
        "title": "Tessaro to acquire Brightfield Foods",
        "body": joined(body_paras(st, trimmed(st, 6), trailers=[credit(st)])),
        "byline": "Hannah Lowe and Victor Szabo", "date": "2026-11-18T15:02:00Z",
        "source": "Prairie Dispatch", "section": "Business"}, c, "trimmed")

    # 6. harmon-ridge-state-title ----------------------------------------
    st = S["harmon-ridge-state-title"]
    c = "harmon-ridge-state-title"
    add_text("lakeshore-daily", "harmon-ridge-state-title",
             lakeshore(st, kind="original", fname="", stamp="Published: Nov 21, 2026 at 10:30 p.m."),
             c, "original")
    add_rec("regional-mix.jsonl", {
        "id": rid("reg", c, "plainsview"), "url": url("plainsviewsentinel.example", st),
        "title": "Salas' 44-yarder at the horn lifts River Hawks to state crown",
        "body": joined(body_paras(st, promos={3: "Advertisement", 8: "Share this article"})),
        "author": "Luis Brennan", "published": "2026-11-22T05:10:00Z",
        "source": "Plainsview Sentinel", "section": "Prep Sports"}, c, "boilerplate")

    # 7. sawback-trout-study ---------------------------------------------
    st = S["sawback-trout-study"]
    c = "sawback-trout-study"
    add_rec("wire-service.jsonl", {
        "id": rid("wire", c), "url": url("newswire.example", st), "title": st["title"],
        "body": joined(body_paras(st)), "author": "Ingrid Solheim", "published": st["date"],
        "source": "The Associated Press", "section": st["section"]}, c, "original")
    add_text("northwind-news", "trout-flame-retardants",
             northwind(st, byline="By\nIngrid Solheim, Associated Press"), c, "boilerplate")
    add_text("valley-courier", "mountain-trout-chemicals",
             valley(st, paras=edit_sawback(st["paras"]), stamp="Updated 1:18 PM ET, Thu November 19, 2026",
                    byline="By Ingrid Solheim", title="Flame retardants found in trout from remote Colorado lakes"),
             c, "edited")

    # 8. dorrance-measles ------------------------------------------------
    st = S["dorrance-measles"]
    c = "dorrance-measles"
    orig = northwind(st, byline="By\nRuth Adeyemi, Associated Press")
    add_text("northwind-news", "dorrance-county-measles", orig, c, "original")
    add_text("summit-ledger", "dorrance-county-measles", orig, c, "exact")
    add_rec("affiliates-2026-11.jsonl", {
        "id": rid("aff", c, "riverbend"), "url": url("www.riverbend7.example", st),
        "title": "Measles outbreak: Dorrance County offers free shots as cases hit 23",
        "text": joined(body_paras(st, dl="none", lede_twice="verbatim",
                                  promos={4: "Sign up for our morning newsletter here.",
                                          9: "Click here to get the app."})),
        "byline": "Ruth Adeyemi, The Associated Press", "published": "2026-11-25T21:00:00Z",
        "source": "Riverbend 7 News", "section": "Health"}, c, "boilerplate")
    add_text("harbor-gazette", "measles-clinics",
             harbor(st, paras=trimmed(st, 6), stamp="Last updated: 2026-11-25 14:52", byline="By\nRuth Adeyemi",
                    dl="plain"),
             c, "trimmed", gz=True)

    # 9. kellan-transit-fares --------------------------------------------
    st = S["kellan-transit-fares"]
    c = "kellan-transit-fares"
    add_rec("wire-service.jsonl", {
        "id": rid("wire", c), "url": url("newswire.example", st), "title": st["title"],
        "body": joined(body_paras(st, trailers=[f"{AP_RIGHTS} {WIRE_NOTICE}"])), "author": "Noah Feldstein",
        "published": st["date"], "source": "The Associated Press", "section": st["section"]}, c, "original")
    add_text("valley-courier", "kellan-transit-fares",
             valley(st, stamp="Updated 8:40 PM ET, Wed November 25, 2026", byline="By Noah Feldstein"),
             c, "boilerplate")
    add_rec("regional-mix.jsonl", {
        "id": rid("reg", c, "evergreen"), "url": url("evergreenpostledger.example", st),
        "title": "Kellan Valley transit fares going up to $2.50; late-night buses cut",
        "body": joined(body_paras(st, edit_kellan(st["paras"]), dl="plain",
                                  trailers=["The Associated Press contributed to this report."])),
        "authors": ["Noah Feldstein"], "date": "2026-11-26T03:30:00Z",
        "source": "Evergreen Post-Ledger", "section": "Local"}, c, "edited")

    # 10. calder-bay-port-strike -----------------------------------------
    st = S["calder-bay-port-strike"]
    c = "calder-bay-port-strike"
    add_text("pinecrest-herald", "calder-bay-port-strike",
             pinecrest(st, byline="By Simone Achterberg, Reuters", trailers=[credit(st)],
                       promos={9: "Follow us on Twitter @PinecrestHerald"}),
             c, "original")
    add_rec("affiliates-2026-11.jsonl", {
        "id": rid("aff", c, "harborline"), "url": url("harborlinebiz.example", st),
        "title": "Calder Bay dockworkers strike as automation talks collapse",
        "body": joined(body_paras(st, promos={3: "Advertisement", 6: "Click here to get the app."},
                                  trailers=[credit(st), "All rights reserved."])),
        "author": "Simone Achterberg", "published": "2026-11-21T10:30:00Z",
        "source": "Harborline Business Journal", "section": "Trade"}, c, "boilerplate")
    add_rec("regional-mix.jsonl", {
        "id": rid("reg", c, "midstate"), "url": url("midstatetribune.example", st),
        "title": st["title"],
        "body": joined(body_paras(st, trimmed(st, 6), trailers=[credit(st)])),
        "byline": "By Simone Achterberg", "published": "2026-11-21T12:00:00Z",
        "source": "Midstate Tribune", "section": "Business"}, c, "trimmed")

    # 11. glenmora-levy --------------------------------------------------
    st = S["glenmora-levy"]
    c = "glenmora-levy"
    rec = {
        "id": rid("reg", c, "northstar"), "url": url("northstarledger.example", st), "title": st["title"],
        "body": joined(body_paras(st, trailers=["Copyright 2026 by North Star Ledger, Inc. All rights reserved."])),
        "author": "Abigail Tran", "published": st["date"], "source": "North Star Ledger",
        "section": st["section"]}
    add_rec("regional-mix.jsonl", rec, c, "original")
    again = dict(rec)
    again["id"] = rid("reg", c, "northstar", "resend")
    add_rec("regional-mix.jsonl", again, c, "exact")

    # 12. cumberland-ridge-ransomware ------------------------------------
    st = S["cumberland-ridge-ransomware"]
    c = "cumberland-ridge-ransomware"
    add_rec("wire-service.jsonl", {
        "id": rid("wire", c), "url": url("newswire.example", st), "title": st["title"],
        "body": joined(body_paras(st)), "author": "Tamsin Oduro", "published": st["date"],
        "source": "CNN", "section": st["section"]}, c, "original")
    add_text("northwind-news", "kentucky-hospital-ransomware",
             northwind(st, byline="By\nTamsin Oduro (CNN)", dl="cnn-glued",
                       title="Kentucky hospitals divert ambulances after ransomware attack"),
             c, "boilerplate", gz=True)

    # singletons ---------------------------------------------------------
    st = S["willowmere-library"]
    add_text("valley-courier", "willowmere-library-reopens",
             valley(st, stamp="Updated 4:55 PM ET, Mon November 16, 2026", byline="By Gretchen Paulsen and Owen Tate"),
             "willowmere-library", "singleton")
    st = S["kessler-falls-kestrels"]
    add_rec("wire-service.jsonl", {
        "id": rid("wire", st["slug"]), "url": url("newswire.example", st), "title": st["title"],
        "body": joined(body_paras(st, trailers=[f"{AP_RIGHTS} {WIRE_NOTICE}"])), "author": "Owen Prescott",
        "published": st["date"], "source": "The Associated Press", "section": st["section"]},
        st["slug"], "singleton")
    st = S["tippet-crossing-canal-boat"]
    add_rec("affiliates-2026-11.jsonl", {
        "id": rid("aff", st["slug"]), "url": url("tippetvalleyexaminer.example", st), "title": st["title"],
        "text": joined(body_paras(st, promos={4: "Advertisement", 8: "Sign up for our morning newsletter here."})),
        "byline": "By Rebecca Nwosu, Tippet Valley Examiner", "date": st["date"],
        "source": "Tippet Valley Examiner", "section": "History"}, st["slug"], "singleton")
    st = S["skylark-air-routes"]
    add_text("harbor-gazette", "skylark-air-routes",
             harbor(st, stamp="Last updated: 2026-11-24 15:18", byline="By\nCalvin Mercer",
                    related="Bellport's new terminal opened in 2024 with high hopes"),
             "skylark-air-routes", "singleton")

    # templates (hard negatives) -----------------------------------------
    for slug, feed, src, dom, sect in [
        ("harbor-lane-foods-q3", "regional-mix.jsonl", "Midstate Tribune", "midstatetribune.example", "Business"),
        ("kestrel-logistics-q3", "regional-mix.jsonl", "Midstate Tribune", "midstatetribune.example", "Business"),
        ("oakmere-software-q3", "wire-service.jsonl", "The Associated Press", "newswire.example", "Business"),
    ]:
        st = S[slug]
        add_rec(feed, {
            "id": rid("wire" if feed.startswith("wire") else "reg", slug), "url": url(dom, st), "title": st["title"],
            "body": joined(body_paras(st, trailers=[AP_RIGHTS])), "author": "Associated Press",
            "published": st["date"], "source": src, "section": sect}, slug, "template")
    for slug in ["lakeshore-weather-2026-11-24", "lakeshore-weather-2026-11-25"]:
        st = S[slug]
        add_text("lakeshore-daily", st["file"],
                 lakeshore(st, kind="template", fname="", stamp=st["stamp"], footer="own",
                           byline="By Jenna Kowalski, Lakeshore Daily"),
                 slug, "template")


# ---------------------------------------------------------------- write
def write():
    if os.path.isdir(OUT):
        for name in os.listdir(OUT):
            if name == "README.md":
                continue
            p = os.path.join(OUT, name)
            shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    os.makedirs(OUT, exist_ok=True)
    for rel, content, gz in TEXT:
        path = os.path.join(OUT, rel[:-3] if gz else rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(content)
        if gz:
            subprocess.run(["gzip", "-9n", path], check=True)
    os.makedirs(os.path.join(OUT, "articles", "feeds"), exist_ok=True)
    for name, recs in FEEDS.items():
        path = os.path.join(OUT, "articles", "feeds", name)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        comp = FEED_COMPRESS[name]
        if comp == "gz":
            subprocess.run(["gzip", "-9n", path], check=True)
        elif comp == "zst":
            subprocess.run(["zstd", "-q", "-19", "--rm", "--no-progress", path], check=True)
    with open(os.path.join(OUT, "expected-clusters.jsonl"), "w", encoding="utf-8") as f:
        for e in EXPECT:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    build()
    ids = [e["id"] for e in EXPECT]
    assert len(ids) == len(set(ids)), "duplicate ids"
    write()
    print(f"wrote {len(EXPECT)} articles")
