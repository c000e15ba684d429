#!/usr/bin/env python3
"""Time a peer's MinHash + LSH on newsdedup's benchmark articles (run by scripts/bench).

    python bench_peers.py datasketch|rensa PART_DIR N

Reads the first N articles of PART_DIR (JSONL records in feed-*.jsonl, then text files), takes
each article's body (JSONL `body` or `text`; for a text file, the whole file), and, timed:
splits it into lower-case words, builds word 4-gram shingles, computes a 128-permutation
MinHash, queries an LSH index (threshold 0.5) and inserts the article. Prints one JSON line:
{"tool", "articles", "bytes" (raw record bytes), "seconds", "candidates"}.
"""

import glob
import json
import os
import re
import sys
import time

WORD = re.compile(r"\w+")
NUM_PERM = 128


def load(part, n):
    docs = []
    for path in sorted(glob.glob(os.path.join(part, "feed-*.jsonl"))):
        with open(path, "rb") as f:
            for line in f:
                rec = json.loads(line)
                docs.append((len(line), rec.get("body") or rec.get("text") or ""))
                if len(docs) >= n:
                    return docs
    for path in sorted(glob.glob(os.path.join(part, "text", "*", "*.txt"))):
        with open(path, "rb") as f:
            raw = f.read()
        docs.append((len(raw), raw.decode("utf-8", "replace")))
        if len(docs) >= n:
            break
    return docs


def shingles(text):
    words = WORD.findall(text.lower())
    return [" ".join(words[i:i + 4]) for i in range(max(1, len(words) - 3))]


def datasketch(docs):
    from datasketch import MinHash, MinHashLSH
    lsh = MinHashLSH(threshold=0.5, num_perm=NUM_PERM)
    found = 0
    for i, (_, text) in enumerate(docs):
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        found += len(lsh.query(m))
        lsh.insert(str(i), m)
    return found


def rensa(docs):
    from rensa import RMinHash, RMinHashLSH
    lsh = RMinHashLSH(threshold=0.5, num_perm=NUM_PERM, num_bands=16)
    found = 0
    for i, (_, text) in enumerate(docs):
        m = RMinHash(num_perm=NUM_PERM, seed=42)
        m.update(shingles(text))
        found += len(lsh.query(m))
        lsh.insert(i, m)
    return found


def main():
    tool, part, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    docs = load(part, n)
    start = time.perf_counter()
    found = {"datasketch": datasketch, "rensa": rensa}[tool](docs)
    seconds = time.perf_counter() - start
    print(json.dumps({"tool": tool, "articles": len(docs), "bytes": sum(b for b, _ in docs),
                      "seconds": round(seconds, 3), "candidates": found}))


if __name__ == "__main__":
    main()
