#!/usr/bin/env python3
"""Independent checks on sample-data/."""
import difflib
import gzip
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sample-data")
errors = []


def err(msg):
    errors.append(msg)
    print("ERROR:", msg)


def read_bytes(path):
    raw = open(path, "rb").read()
    if path.endswith(".gz"):
        return gzip.decompress(raw)
    if path.endswith(".zst"):
        return subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    return raw


DATELINES = [
    re.compile(r"^\(CNN\)\s*(?:(?:—|--)\s+)?"),
    re.compile(r"^[A-Z][A-Z .'-]+, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?\s+(?:\((?:AP|Reuters)\)\s+)?(?:—|--|-)\s+"),
    re.compile(r"^[A-Z][A-Z .'-]+ \((?:AP|Reuters)\)\s+(?:—|--|-)\s+"),
]
BOILER = [re.compile(p) for p in [
    r"^Advertisement$", r"^Story continues below advertisement$", r"^Sign up for .*", r"^Follow us on Twitter @\w+$",
    r"^Related: .*", r"^Read more: .*", r"^Click here to get the app\.$", r"^Share this article$",
    r"^Reporting by .*; Editing by .*$", r"^The Associated Press contributed to this report\.$",
    r"^© \d{4} .*", r"^Copyright \d{4} by .*", r"^All rights reserved\.$",
]]


def norm_typo(s):
    return (s.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'").replace("--", "—"))


def clean(paras):
    paras = [norm_typo(p) for p in paras]
    out = []
    for p in paras:
        if any(b.match(p) for b in BOILER):
            continue
        out.append(p)
    for rx in DATELINES:
        if out and rx.match(out[0]):
            out[0] = rx.sub("", out[0], count=1)
            break
    # lede printed twice (second copy may carry the dateline)
    if len(out) > 1:
        second = out[1]
        for rx in DATELINES:
            if rx.match(second):
                second = rx.sub("", second, count=1)
                break
        if out[0] == second:
            out = [out[0]] + out[2:]
    return out


def parse_text(content):
    blocks = content.rstrip("\n").split("\n\n")
    for i, b in enumerate(blocks):
        if b == "By" or b.startswith("By\n") or b.startswith("By "):
            return blocks, blocks[i + 1:], i
    raise ValueError("no byline")


articles = {}  # id -> dict(raw=bytes-ish, paras=[...], fmt)

# text files
for dirpath, _, files in os.walk(os.path.join(ROOT, "articles", "text")):
    for fn in files:
        path = os.path.join(dirpath, fn)
        rel = os.path.relpath(path, ROOT)
        if not (fn.endswith(".txt") or fn.endswith(".txt.gz")):
            err(f"unexpected file {rel}")
            continue
        raw = read_bytes(path)
        try:
            content = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            err(f"{rel}: not utf-8 {e}")
            continue
        if "\r" in content:
            err(f"{rel}: CR found")
        blocks, body, bi = parse_text(content)
        if len(body) < 5:
            err(f"{rel}: too few body paragraphs")
        for b in blocks:
            if not b.strip() or b != b.strip():
                err(f"{rel}: empty/whitespace-padded block {b[:30]!r}")
        articles[rel] = dict(raw=raw, paras=body, fmt="text", title=blocks[1] if bi >= 2 else blocks[0])

# jsonl feeds
REQ_ONE_OF = [("body", "text"), ("author", "authors", "byline"), ("published", "date")]
for fn in sorted(os.listdir(os.path.join(ROOT, "articles", "feeds"))):
    path = os.path.join(ROOT, "articles", "feeds", fn)
    raw = read_bytes(path)
    text = raw.decode("utf-8")
    if not text.endswith("\n"):
        err(f"{fn}: no trailing newline")
    for ln, line in enumerate(text.split("\n")[:-1], 1):
        rec = json.loads(line)
        for k in ("id", "url", "title", "source", "section"):
            if not isinstance(rec.get(k), str) or not rec[k].strip():
                err(f"{fn}:{ln} missing {k}")
        for group in REQ_ONE_OF:
            present = [k for k in group if k in rec]
            if len(present) != 1:
                err(f"{fn}:{ln} needs exactly one of {group}, has {present}")
        body = rec.get("body", rec.get("text"))
        if not body or not body.strip():
            err(f"{fn}:{ln} empty body")
        d = rec.get("published", rec.get("date"))
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", d):
            err(f"{fn}:{ln} bad date {d}")
        if "authors" in rec and not (isinstance(rec["authors"], list) and all(isinstance(a, str) for a in rec["authors"])):
            err(f"{fn}:{ln} bad authors")
        if rec["id"] in articles:
            err(f"duplicate id {rec['id']}")
        stripped = {k: v for k, v in rec.items() if k != "id"}
        articles[rec["id"]] = dict(raw=json.dumps(stripped, sort_keys=True), paras=body.split("\n\n"), fmt="jsonl",
                                   title=rec["title"])

# expected clusters
exp = [json.loads(l) for l in open(os.path.join(ROOT, "expected-clusters.jsonl"), encoding="utf-8")]
ids = [e["id"] for e in exp]
for i, c in Counter(ids).items():
    if c != 1:
        err(f"expected id listed {c} times: {i}")
missing = set(articles) - set(ids)
extra = set(ids) - set(articles)
if missing:
    err(f"articles not in expected: {missing}")
if extra:
    err(f"expected ids with no article: {extra}")

KINDS = {"original", "boilerplate", "exact", "trimmed", "edited", "singleton", "template"}
by_cluster = defaultdict(list)
for e in exp:
    if e["kind"] not in KINDS:
        err(f"bad kind {e}")
    if set(e) != {"id", "cluster", "kind"}:
        err(f"bad keys {e}")
    by_cluster[e["cluster"]].append(e)

# per-cluster semantics
for cl, members in by_cluster.items():
    kinds = [m["kind"] for m in members]
    if "singleton" in kinds or "template" in kinds:
        if len(members) != 1:
            err(f"{cl}: singleton/template cluster has {len(members)} members")
        continue
    origs = [m for m in members if m["kind"] == "original"]
    if len(origs) != 1:
        err(f"{cl}: needs exactly one original")
        continue
    o = articles[origs[0]["id"]]
    oc = clean(o["paras"])
    for m in members:
        a = articles[m["id"]]
        ac = clean(a["paras"])
        if m["kind"] == "exact" and a["raw"] != o["raw"]:
            err(f"{m['id']}: exact but not identical")
        if m["kind"] in ("boilerplate", "exact") and ac != oc:
            err(f"{m['id']}: {m['kind']} differs after cleaning")
            for x, y in zip(ac, oc):
                if x != y:
                    print("   got:", x[:120]); print("  want:", y[:120]); break
            print("  lens", len(ac), len(oc))
        if m["kind"] == "trimmed":
            cut = 1 - len(ac) / len(oc)
            if ac != oc[:len(ac)] or not (0.2 <= cut <= 0.5):
                err(f"{m['id']}: trimmed not a 20-50% prefix (cut={cut:.2f})")
        if m["kind"] == "edited":
            r = difflib.SequenceMatcher(None, " ".join(ac), " ".join(oc)).ratio()
            if ac == oc or r < 0.9:
                err(f"{m['id']}: edited ratio {r:.3f}")
            m["ratio"] = r

# template near-similarity (should be similar but not identical)
for e in exp:
    a = articles[e["id"]]
    e["words"] = sum(len(p.split()) for p in clean(a["paras"]))
    e["fmt"] = a["fmt"]
    if not (250 <= e["words"] <= 900) and e["kind"] != "trimmed":
        print(f"WARN: {e['id']} has {e['words']} words")

print("articles:", len(articles))
print("per kind:", dict(Counter(e["kind"] for e in exp)))
print("per format:", dict(Counter(e["fmt"] for e in exp)))
print("per kind/format:", dict(Counter((e["kind"], e["fmt"]) for e in exp)))
print("clusters:", len(by_cluster))
w = sorted((e["words"], e["id"], e["kind"]) for e in exp)
print("min words:", w[:4])
print("max words:", w[-2:])
for e in exp:
    if "ratio" in e:
        print("edited ratio", e["id"], round(e["ratio"], 3))
print("OK" if not errors else f"{len(errors)} ERRORS")
sys.exit(1 if errors else 0)
