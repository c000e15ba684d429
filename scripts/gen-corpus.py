#!/usr/bin/env python3
"""Generate a seeded synthetic news corpus with ground truth, for benchmarking newsdedup.

    python3 scripts/gen-corpus.py --seed 42 --articles 6000 --out DIR [--text-share 0.1]

Writes DIR/articles/feed-NNNN.jsonl (JSONL records, 2000 per file), DIR/articles/text/<outlet>/
<id>.txt (a share of the articles as scraped plain-text pages) and DIR/labels.jsonl, one line
per article: {"id": ..., "cluster": ..., "kind": ...}. For text files the id is the path
relative to DIR. Standard library only; the same seed and arguments give byte-identical output.

Design
------
The corpus is made of *clusters*. Most are stories: an original plus 0-30 copies as other
outlets republished it, each copy labeled with the one transformation it went through (exact,
boilerplate, trimmed, lede-twice, headline, dateline, light-edit, new-lede, inserted-lines,
typography, rewrap, combo). About 12 % of the articles are hard negatives, each its own
cluster: `template` reports that share much of their wording with other reports of their
family (earnings, forecasts, blotters ...; often the same company or town again) but not their
facts, and `same-topic` stories written independently about an event another story covers
(same people and places, new sentences, sometimes a recycled paragraph).

Text comes from ~650 sentence templates (corpusgen/topics.py, corpusgen/families.py) whose
slots are filled from large pools of invented names, places and organisations. An article is
a list of clean paragraphs plus a `Look`: the boilerplate an outlet wraps around it (dateline,
byline, stamp, promo lines, trailers, footer, house typography), assembled into a JSONL record
or a text file only when written.

Output is streamed: each cluster is generated, rendered to bytes, and its articles are pushed
into a heap keyed by a release position (the running article count plus a random delay of up
to a few thousand articles), then popped in key order to the writers. This spreads a cluster's
copies over the files while holding only the articles in flight (memory stays ~30 MB at any
size). In ~25 % of the clusters with copies, a copy (the trimmed one if there is one) is
released before the original.
"""

import argparse
import heapq
import math
import os
import random
import sys
import time

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from corpusgen import outlets as O  # noqa: E402
from corpusgen import variants as V  # noqa: E402
from corpusgen.families import write_family_report  # noqa: E402
from corpusgen.stories import alternative_headline, alternative_lede, write_same_topic, write_story  # noqa: E402
from corpusgen.topics import template_count  # noqa: E402
from corpusgen.vocab import between, pick  # noqa: E402

KINDS = ["original", "exact", "boilerplate", "trimmed", "lede-twice", "headline", "dateline", "light-edit",
         "new-lede", "inserted-lines", "typography", "rewrap", "combo", "template", "same-topic"]
COPY_KINDS = [("boilerplate", 20), ("exact", 8), ("trimmed", 12), ("lede-twice", 4), ("headline", 5),
              ("dateline", 6), ("light-edit", 10), ("new-lede", 6), ("inserted-lines", 8), ("typography", 7),
              ("rewrap", 6), ("combo", 8)]
COPY_KIND_TOTAL = sum(w for _, w in COPY_KINDS)
# Copies per story: P(0) = 0.45; then 1..5 falling off; a few 6-9; rarely 10-30.
COPY_COUNTS = [(0, 0.45), (1, 0.24), (2, 0.12), (3, 0.065), (4, 0.045), (5, 0.038)]
NEGATIVE_SHARE = 0.12      # template + same-topic articles, of all articles
SAME_TOPIC_SHARE = 0.3     # of the negatives
COPY_FIRST_SHARE = 0.25    # clusters with copies where a copy is released before the original
MEAN_SPREAD = 1500         # mean release delay of a copy, in articles
MAX_SPREAD = 8000
RECORDS_PER_FILE = 2000


def copy_count(rng):
    x = rng.random()
    for n, p in COPY_COUNTS:
        x -= p
        if x < 0:
            return n
    x = rng.random()
    if x < 0.7:
        return between(rng, 6, 9)
    return 10 + int(20 * rng.random() ** 2)  # 10-30, mostly near 10


def copy_kind(rng):
    x = rng.random() * COPY_KIND_TOTAL
    for kind, w in COPY_KINDS:
        x -= w
        if x < 0:
            return kind
    return COPY_KINDS[-1][0]


def release_delay(rng):
    """How many articles later a copy is written: a third come soon, the rest spread widely."""
    if rng.random() < 0.3:
        return int(rng.random() * 60)
    return min(MAX_SPREAD, int(-math.log(1.0 - rng.random()) * MEAN_SPREAD))


class Rendered:
    """One article ready to write: its format, outlet folder, bytes (minus id), and label."""

    __slots__ = ("fmt", "outlet", "payload", "cluster", "kind", "look", "paragraphs")

    def __init__(self, fmt, outlet, payload, cluster, kind, look=None, paragraphs=None):
        self.fmt, self.outlet, self.payload = fmt, outlet, payload
        self.cluster, self.kind = cluster, kind
        self.look, self.paragraphs = look, paragraphs


class Generator:
    """Writes clusters: stories with their copies, and hard negatives."""

    def __init__(self, rng, text_share):
        self.rng = rng
        self.text_share = text_share
        self.recent_titles = []
        self.recent_stories = []
        self.series = {}
        self.cluster_no = 0

    def fmt(self):
        return "text" if self.rng.random() < self.text_share else "jsonl"

    def render(self, fmt, look, paragraphs, cluster, kind):
        payload = O.text_file(look, paragraphs) if fmt == "text" else O.json_record_tail(look, paragraphs)
        return Rendered(fmt, look.outlet.slug, payload, cluster, kind, look, paragraphs)

    def remember(self, story):
        self.recent_titles.append(story.title)
        if len(self.recent_titles) > 64:
            del self.recent_titles[:32]
        if story.topic is not None:
            self.recent_stories.append(story)
            if len(self.recent_stories) > 200:
                del self.recent_stories[:100]

    def other_outlet(self, *avoid):
        while True:
            outlet = pick(self.rng, O.OUTLETS)
            if outlet not in avoid:
                return outlet

    def new_look(self, story, outlet, minutes_later, paragraphs, novel_p=0.0, title=None):
        return O.make_look(self.rng, story, outlet, O.publish_time(story, minutes_later), self.recent_titles,
                           len(paragraphs), title=title, novel_p=novel_p)

    def next_cluster(self, prefix):
        self.cluster_no += 1
        return f"{prefix}-{self.cluster_no:06d}"

    # ------------------------------------------------------------------ stories
    def story_cluster(self, budget):
        """An original and up to budget-1 copies."""
        rng = self.rng
        story = write_story(rng)
        story.cluster = self.next_cluster(story.topic.name)
        if story.wire in O.WIRE_OUTLETS and rng.random() < 0.8:
            origin = O.WIRE_OUTLETS[story.wire]
        else:
            origin = pick(rng, O.OUTLETS)
        look = self.new_look(story, origin, 0, story.paragraphs)
        original = self.render(self.fmt(), look, story.paragraphs, story.cluster, "original")
        items = [original]
        for _ in range(min(copy_count(rng), budget - 1)):
            items.append(self.copy(story, original, copy_kind(rng)))
        self.remember(story)
        return items

    def copy(self, story, orig, kind):
        rng = self.rng
        paras = story.paragraphs
        later = 5 + int(-math.log(1.0 - rng.random()) * 240)
        if kind == "exact":
            outlet = self.other_outlet(orig.look.outlet).slug if orig.fmt == "text" else orig.outlet
            return Rendered(orig.fmt, outlet, orig.payload, story.cluster, kind)
        if kind == "headline":
            look = orig.look.copy()
            look.title = alternative_headline(rng, story)
            return self.render(orig.fmt, look, paras, story.cluster, kind)
        if kind == "dateline":
            look = orig.look.copy()
            old = look.dateline
            while look.dateline == old:
                look.dateline = (O.novel_dateline(rng, story, look.outlet) if rng.random() < 0.5 else
                                 O.dateline_text(rng, pick(rng, ["wire", "city", "cnn_glued"]), story, look.published))
            return self.render(orig.fmt, look, paras, story.cluster, kind)
        if kind in ("boilerplate", "combo"):
            if kind == "combo":
                paras = V.light_edit(rng, V.trim(rng, paras))
            look = self.new_look(story, self.other_outlet(orig.look.outlet), later, paras, novel_p=0.3)
            return self.render(self.fmt(), look, paras, story.cluster, kind)
        if kind == "trimmed":
            paras = V.trim(rng, paras)
            same_look = rng.random() < 0.3
        elif kind == "lede-twice":
            paras = V.lede_twice(paras)
            same_look = rng.random() < 0.5
        elif kind == "light-edit":
            paras = V.light_edit(rng, paras)
            same_look = rng.random() < 0.5
        elif kind == "new-lede":
            paras = [alternative_lede(rng, story)] + paras[1:]
            same_look = rng.random() < 0.5
        elif kind == "typography":
            paras = V.typography(rng, paras)
            same_look = rng.random() < 0.5
        elif kind == "rewrap":
            paras = V.rewrap(rng, paras)
            same_look = rng.random() < 0.5
        else:  # inserted-lines
            same_look = rng.random() < 0.5
        if same_look:
            look, fmt = orig.look.copy(), orig.fmt
        else:
            look, fmt = self.new_look(story, self.other_outlet(orig.look.outlet), later, paras), self.fmt()
        if kind == "inserted-lines":
            self.insert_lines(look, story, len(paras))
        return self.render(fmt, look, paras, story.cluster, kind)

    def insert_lines(self, look, story, n_paragraphs):
        """1-3 extra short lines between paragraphs: promo lines, captions, links; known or not."""
        rng = self.rng
        for _ in range(between(rng, 1, 3)):
            pool = O.KNOWN_PROMOS if rng.random() < 0.5 else O.NOVEL_LINES
            line = O.fill_line(rng, pick(rng, pool), story, look.outlet, self.recent_titles)
            look.promos.append((O.promo_positions(rng, 1, max(3, n_paragraphs))[0], line))
        look.promos.sort(key=lambda p: p[0])

    # ------------------------------------------------------------------ negatives
    def negative(self):
        rng = self.rng
        if self.recent_stories and rng.random() < SAME_TOPIC_SHARE:
            source = pick(rng, self.recent_stories)
            story = write_same_topic(rng, source, self.next_cluster(f"sametopic-{source.topic.name}"))
            kind = "same-topic"
        else:
            story, family = write_family_report(rng, self.series)
            story.cluster = self.next_cluster(f"template-{family}")
            kind = "template"
        outlet = O.WIRE_OUTLETS[story.wire] if story.wire in O.WIRE_OUTLETS and rng.random() < 0.5 else pick(rng, O.OUTLETS)
        look = self.new_look(story, outlet, 24 * 60 if kind == "same-topic" else 0, story.paragraphs)
        self.remember(story)
        return [self.render(self.fmt(), look, story.paragraphs, story.cluster, kind)]


class CorpusWriter:
    """Writes articles and labels as they are released; assigns ids in output order."""

    def __init__(self, out_dir, salt, split_at=(), records_per_file=RECORDS_PER_FILE):
        self.out = out_dir
        self.feed = None
        self.split_at = list(split_at)  # article counts after which a new part directory starts
        self.part = 0
        self.part_rel = "articles"
        self.articles = os.path.join(out_dir, "articles")
        if self.split_at:
            self.next_part()
        os.makedirs(self.articles, exist_ok=True)
        self.labels = open(os.path.join(out_dir, "labels.jsonl"), "w", encoding="utf-8", newline="\n")
        self.records_per_file = records_per_file
        self.feed_no = 0
        self.in_feed = 0
        self.made_dirs = set()
        self.salt = salt
        self.count = 0
        self.text_files = 0
        self.bytes = 0
        self.kinds = dict.fromkeys(KINDS, 0)

    def new_id(self):
        """Unique, order-free looking ids: the article number through a bijection of 48 bits."""
        self.count += 1
        return f"{(self.count * 0x9E3779B97F4B + self.salt) % (1 << 48):012x}"

    def next_part(self):
        """Start articles/part-NN/: with --split-at, each part holds a consecutive run of articles."""
        self.part += 1
        self.part_rel = f"articles/part-{self.part:02d}"
        self.articles = os.path.join(self.out, self.part_rel)
        os.makedirs(self.articles, exist_ok=True)
        if self.feed is not None:
            self.feed.close()
            self.feed = None

    def write(self, item):
        if self.split_at and self.count == self.split_at[0]:
            self.split_at.pop(0)
            self.next_part()
        ident = self.new_id()
        if item.fmt == "text":
            folder = os.path.join(self.articles, "text", item.outlet)
            if folder not in self.made_dirs:
                os.makedirs(folder, exist_ok=True)
                self.made_dirs.add(folder)
            rel = f"{self.part_rel}/text/{item.outlet}/{ident}.txt"
            data = item.payload.encode("utf-8")
            fd = os.open(os.path.join(self.out, rel), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
            label_id = rel
            self.text_files += 1
        else:
            if self.feed is None or self.in_feed >= self.records_per_file:
                self.next_feed()
            label_id = f"{item.outlet.split('-')[0]}-{ident}"
            data = ('{"id": "' + label_id + '", ' + item.payload + "\n").encode("utf-8")
            self.feed.write(data)
            self.in_feed += 1
        self.bytes += len(data)
        line = f'{{"id": "{label_id}", "cluster": "{item.cluster}", "kind": "{item.kind}"}}\n'
        self.labels.write(line)
        self.bytes += len(line)
        self.kinds[item.kind] += 1

    def next_feed(self):
        if self.feed is not None:
            self.feed.close()
        self.feed_no += 1
        self.feed = open(os.path.join(self.articles, f"feed-{self.feed_no:04d}.jsonl"), "wb", buffering=1 << 20)
        self.in_feed = 0

    def close(self):
        if self.feed is not None:
            self.feed.close()
        self.labels.close()


def generate(seed, n_articles, out_dir, text_share, split_at=()):
    rng = random.Random(seed)
    gen = Generator(rng, text_share)
    writer = CorpusWriter(out_dir, salt=int(rng.random() * (1 << 48)), split_at=split_at)
    heap = []
    seq = 0
    made = 0
    negatives = 0
    while made < n_articles:
        budget = n_articles - made
        want_negative = negatives < NEGATIVE_SHARE * (made + 1) and rng.random() < 0.6
        items = gen.negative() if want_negative else gen.story_cluster(budget)
        if want_negative:
            negatives += 1
        delays = [0] + [release_delay(rng) for _ in items[1:]]
        if len(items) > 1 and rng.random() < COPY_FIRST_SHARE:
            trimmed = [i for i, it in enumerate(items) if it.kind == "trimmed"]
            first = trimmed[0] if trimmed else 1 + int(rng.random() * (len(items) - 1))
            delays[0] = delays[first] + 1 + int(rng.random() * 300)
        for item, delay in zip(items, delays):
            item.look = item.paragraphs = None  # only needed while the cluster's copies are made
            heapq.heappush(heap, (made + delay, seq, item))
            seq += 1
        made += len(items)
        while heap and heap[0][0] <= made:
            writer.write(heapq.heappop(heap)[2])
    while heap:
        writer.write(heapq.heappop(heap)[2])
    writer.close()
    return writer


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--articles", type=int, default=6000, help="total number of articles (default 6000)")
    ap.add_argument("--out", required=True, help="output directory (created if needed; must not hold articles/ or labels.jsonl)")
    ap.add_argument("--text-share", type=float, default=0.1, help="share of articles written as .txt files (default 0.1)")
    ap.add_argument("--split-at", default="", metavar="N1,N2,...",
                    help="write the articles in parts: articles/part-01/ holds the first N1, part-02/ the "
                         "articles up to N2, and so on; the last part holds the rest (for archive-then-night "
                         "benchmarks: the same story's copies may fall into neighbouring parts)")
    args = ap.parse_args(argv)
    if args.articles < 1 or not 0.0 <= args.text_share <= 1.0:
        ap.error("--articles must be >= 1 and --text-share within [0, 1]")
    try:
        split_at = [int(x) for x in args.split_at.split(",") if x.strip()]
    except ValueError:
        ap.error("--split-at takes increasing article counts, like 100000,300000")
    if any(b <= a for a, b in zip([0] + split_at, split_at + [args.articles])):
        ap.error("--split-at counts must increase and stay below --articles")
    for name in ("articles", "labels.jsonl"):
        if os.path.exists(os.path.join(args.out, name)):
            ap.error(f"{os.path.join(args.out, name)} already exists: remove it, or choose another --out")
    start, cpu_start = time.perf_counter(), time.process_time()
    w = generate(args.seed, args.articles, args.out, args.text_share, split_at)
    secs, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    mb = w.bytes / 1e6
    print(f"gen-corpus: seed {args.seed}: {w.count} articles ({w.count - w.text_files} JSONL records in "
          f"{w.feed_no} files, {w.text_files} text files{f', {w.part} parts' if split_at else ''}), {mb:.1f} MB written in {secs:.1f} s "
          f"({mb / secs:.1f} MB/s; {cpu:.1f} s CPU); {template_count()} sentence templates", file=sys.stderr)
    width = max(len(k) for k in KINDS)
    for kind in KINDS:
        n = w.kinds[kind]
        print(f"  {kind:<{width}}  {n:>8}  {100 * n / max(1, w.count):5.1f} %", file=sys.stderr)


if __name__ == "__main__":
    main()
