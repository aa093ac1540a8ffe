"""Writes THIRD-PARTY-NOTICES.md: every crate compiled into the tifa binary (normal dependencies,
transitively, on x86_64 Linux) with its licence expression and the licence files it ships, as
their MIT/Apache/BSD terms ask of a binary. Written for tifa; run after changing Cargo.lock:

    python3 scripts/third_party_notices.py > THIRD-PARTY-NOTICES.md

`tifa licenses` prints the result (embedded at build time).
"""
import json, os, subprocess, sys

meta = json.loads(subprocess.check_output(
    ["cargo", "metadata", "--format-version", "1", "--offline",
     "--filter-platform", "x86_64-unknown-linux-gnu"]))
packages = {(p["name"], p["version"]): p for p in meta["packages"]}
root = meta["resolve"]["root"]

# What the binary links: the normal dependencies cargo's feature resolver activates for this target
# (`cargo tree -e normal`), without proc-macro crates (they run in the compiler, not in tifa).
tree = subprocess.check_output(
    ["cargo", "tree", "-e", "normal", "--prefix", "none", "--offline",
     "--target", "x86_64-unknown-linux-gnu", "-f", "{p}"], text=True)
seen = set()
for line in tree.splitlines():
    parts = line.replace(" (*)", "").split()
    if len(parts) < 2 or not parts[1].startswith("v"):
        continue
    key = (parts[0], parts[1][1:])
    package = packages.get(key)
    if package is None or package["id"] == root:
        continue
    if any("proc-macro" in t["kind"] for t in package["targets"]):
        continue
    seen.add(key)

LICENCE_FILES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE", "COPYRIGHT")
out = sys.stdout
out.write("# Third-party notices\n\n")
out.write("The tifa binary contains code of the crates below, each under the licence its authors\n")
out.write("chose (the expression as published). Their licence files follow, as shipped in each crate.\n")
out.write("tifa's own licence is in LICENSE; the chart font's (SIL OFL 1.1) in assets/fonts/OFL.txt;\n")
out.write("the variant table's (Unicode, OpenCC) in data/variants-LICENSE.txt; the administrative\n")
out.write("division table's (cpca, MIT) in data/divisions.LICENSE; jieba's general dictionary's\n")
out.write("(MIT) in data/jieba-dict.LICENSE. opencc-fmmseg embeds OpenCC's dictionaries (Apache-2.0):\n")
out.write("their licence is below, as that crate ships it in dicts/.\n\n")
rows = sorted((packages[p] for p in seen), key=lambda p: (p["name"], p["version"]))
out.write("| crate | version | licence |\n| --- | --- | --- |\n")
for p in rows:
    out.write(f"| {p['name']} | {p['version']} | {p.get('license') or p.get('license_file') or '?'} |\n")
texts = {}
for p in rows:
    folder = os.path.dirname(p["manifest_path"])
    # The crate's own licence files, and those of data it embeds (opencc-fmmseg's dicts/).
    places = [""] + [d for d in ("dicts", "data", "assets") if os.path.isdir(os.path.join(folder, d))]
    for place in places:
        for name in sorted(os.listdir(os.path.join(folder, place))):
            path = os.path.join(folder, place, name)
            if name.upper().startswith(LICENCE_FILES) and os.path.isfile(path):
                text = open(path, encoding="utf-8", errors="replace").read().strip()
                shown = os.path.join(place, name) if place else name
                texts.setdefault(text, []).append(f"{p['name']} {p['version']} ({shown})")
out.write("\n## Licence texts\n\nEach text once, with the crates that ship it.\n")
for text, owners in sorted(texts.items(), key=lambda kv: kv[1][0]):
    out.write("\n---\n\n" + ", ".join(owners) + "\n\n```text\n" + text + "\n```\n")
