"""Builds the bench corpus by replicating the fixtures (never committed: it goes under
target/). Usage: bench_corpus.py OUT_DIR V2_RECORDS V1_RECORDS XML_RECORDS PAGE_RECORDS"""

import itertools
import json
import os
import sys
import zipfile

out, v2, v1, xml, pages = sys.argv[1], *map(int, sys.argv[2:6])
os.makedirs(out, exist_ok=True)


def compact(path):
    with open(path, "rb") as f:
        return json.dumps(json.load(f), separators=(",", ":"), ensure_ascii=False)


def jsonl(name, sources, count):
    lines = [compact(p).encode() + b"\n" for p in sources]
    with open(os.path.join(out, name), "wb") as f:
        for line in itertools.islice(itertools.cycle(lines), count):
            f.write(line)


def stored_zip(name, sources, count):
    docs = []
    for p in sources:
        with open(p, "rb") as f:
            docs.append((os.path.basename(p), f.read()))
    with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_STORED) as z:
        for i, (base, data) in enumerate(itertools.islice(itertools.cycle(docs), count)):
            z.writestr(f"{i:07d}-{base}", data)


# API v2: the small single-study fixtures, about 5 kB each: 200,000 lines is about 1 GB.
jsonl("api-v2.jsonl", [f"fixtures/ctgov-api-v2/{n}.json" for n in
                       ("NCT00465816", "NCT00973089", "NCT03453554", "NCT03475563")], v2)
jsonl("api-v1.jsonl", ["fixtures/ctgov-api-v1/NCT00023673.json"], v1)
stored_zip("xml.zip", [f"fixtures/ctgov-xml/{n}" for n in sorted(os.listdir("fixtures/ctgov-xml"))], xml)
stored_zip("pages.zip", ["fixtures/seeds/NCT00479934.txt", "fixtures/seeds/NCT06722105.txt"], pages)
