#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_wirejson (tests/wire.cmake) into OUT_DIR.

Seeds: every JSON file under tests/data, each of their nested objects and arrays on its own (so
every value type has a well-formed seed: a sample page gives samples, a sample its label, a
dataset its owner, task attributes and categories), the JSON response examples of the Segments API
documentation copy when its path is given (its examples miss commas between fields; they are
added and nothing else changed), and a few texts for the query, filter term and metadata parsers.

    python3 tests/fuzz/wirejson_seeds.py OUT_DIR [segments-api-docs.md]
"""
import hashlib
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

TEXTS = [
    "page=2&per_page=100&name__contains=frame&label_status=LABELED,reviewed"
    "&labelset=ground-truth&filters=weather:rain,speed:>=3.5&sort=-created_at&include_full_label=1",
    "per_page=1000&sort=gt_label__updated_at&filters=a:<1,b:<=2,c:>0,d:x",
    "weather:rain",
    "speed:>=12.5",
    "speed=12.5",
    "flag=true",
]


def nested(value):
    """Every object and array inside value, value itself included."""
    yield value
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    for child in children:
        if isinstance(child, (dict, list)):
            yield from nested(child)


def fix_commas(block):
    """The documentation's examples with the commas between members that the copy lost."""
    lines = block.splitlines()
    out = []
    for i, line in enumerate(lines):
        following = next((l.strip() for l in lines[i + 1:] if l.strip()), "")
        stripped = line.rstrip()
        ends_value = re.search(r'["}\]\d]$|true$|false$|null$', stripped)
        if ends_value and following.startswith(('"', "{")):
            stripped += ","
        out.append(stripped)
    return "\n".join(out)


def docs_examples(path):
    text = pathlib.Path(path).read_text()
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, re.S):
        if not block.lstrip().startswith(("{", "[")):
            continue
        yield json.loads(fix_commas(block))


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    seeds = []
    for path in sorted((ROOT / "tests" / "data").rglob("*.json")):
        try:
            document = json.loads(path.read_text())
        except (ValueError, UnicodeDecodeError):
            seeds.append(path.read_bytes())  # a broken fixture is a seed as it is
            continue
        seeds.extend(json.dumps(v, indent=1).encode() for v in nested(document))
    if len(sys.argv) == 3:
        for example in docs_examples(sys.argv[2]):
            seeds.extend(json.dumps(v, indent=1).encode() for v in nested(example))
    seeds.extend(t.encode() for t in TEXTS)
    written = 0
    for seed in seeds:
        name = out / hashlib.sha1(seed).hexdigest()
        if not name.exists():
            name.write_bytes(seed)
            written += 1
    print(f"{written} new seeds in {out} ({len(seeds)} generated)")


if __name__ == "__main__":
    main()
