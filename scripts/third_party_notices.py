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
packages = {p["id"]: p for p in meta["packages"]}
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
root = meta["resolve"]["root"]

# Normal dependencies only (no dev- or build-only crates), from the root down.
seen, todo = set(), [root]
while todo:
    pid = todo.pop()
    if pid in seen:
        continue
    seen.add(pid)
    for dep in nodes[pid]["deps"]:
        if any(k["kind"] is None for k in dep["dep_kinds"]):
            todo.append(dep["pkg"])
seen.discard(root)

LICENCE_FILES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE", "COPYRIGHT")
out = sys.stdout
out.write("# Third-party notices\n\n")
out.write("The tifa binary contains code of the crates below, each under the licence its authors\n")
out.write("chose (the expression as published). Their licence files follow, as shipped in each crate.\n")
out.write("tifa's own licence is in LICENSE; the chart font's (SIL OFL 1.1) in assets/fonts/OFL.txt;\n")
out.write("the variant table's (Unicode, OpenCC) in data/variants-LICENSE.txt; the administrative\n")
out.write("division table's (cpca, MIT) in data/divisions.LICENSE; jieba's general dictionary's\n")
out.write("(MIT) in data/jieba-dict.LICENSE.\n\n")
rows = sorted((packages[p] for p in seen), key=lambda p: (p["name"], p["version"]))
out.write("| crate | version | licence |\n| --- | --- | --- |\n")
for p in rows:
    out.write(f"| {p['name']} | {p['version']} | {p.get('license') or p.get('license_file') or '?'} |\n")
texts = {}
for p in rows:
    folder = os.path.dirname(p["manifest_path"])
    for name in sorted(os.listdir(folder)):
        if name.upper().startswith(LICENCE_FILES) and os.path.isfile(os.path.join(folder, name)):
            text = open(os.path.join(folder, name), encoding="utf-8", errors="replace").read().strip()
            texts.setdefault(text, []).append(f"{p['name']} {p['version']} ({name})")
out.write("\n## Licence texts\n\nEach text once, with the crates that ship it.\n")
for text, owners in sorted(texts.items(), key=lambda kv: kv[1][0]):
    out.write("\n---\n\n" + ", ".join(owners) + "\n\n```text\n" + text + "\n```\n")
