"""Builds data/variants.txt: variant, radical and compatibility code points → the GB2312 character
tifa reads them as. Written for tifa; run by hand when the Unicode data changes:

    apt-get install unicode-data && pip install opencc-python-reimplemented
    python3 data/make_variants.py > data/variants.txt

Sources (see data/variants-LICENSE.txt): the Unicode Character Database (Unihan_Variants:
kSimplifiedVariant, kZVariant, kSemanticVariant; EquivalentUnifiedIdeograph), OpenCC's JPVariants
table read backwards (shinjitai 鶏 → 鷄), and HAND below. A character is mapped only when it is not
in GB2312 and OpenCC's t2s leaves it as it is (t2s converts the rest); its target is the first
candidate that t2s turns into a GB2312 character.
"""
import bz2, os, re, sys, unicodedata
from opencc import OpenCC

UCD = "/usr/share/unicode"
t2s = OpenCC("t2s").convert
# Variants Unihan links to a character that is not the one in use (啣 → 㘣): compiled by hand.
HAND = {"啣": "衔", "鶏": "鸡", "汚": "污"}

def in_gb2312(ch):
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False

def cp(s):
    return chr(int(s[2:], 16))

candidates = {}
def add(src, dst):
    candidates.setdefault(src, []).append(dst)

for line in open(os.path.join(UCD, "EquivalentUnifiedIdeograph.txt"), encoding="utf-8"):
    line = line.split("#")[0].strip()
    if not line:
        continue
    left, right = [x.strip() for x in line.split(";")]
    first, _, last = left.partition("..")
    for c in range(int(first, 16), int(last or first, 16) + 1):
        add(chr(c), chr(int(right, 16)))

order = {"kSimplifiedVariant": 0, "kZVariant": 1, "kSemanticVariant": 2}
rows = []
with bz2.open(os.path.join(UCD, "Unihan_Variants.txt.bz2"), "rt", encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        code, field, value = line.rstrip("\n").split("\t")
        if field in order:
            for v in value.split():
                rows.append((order[field], cp(code), cp(v.split("<")[0])))
for _, src, dst in sorted(rows):
    add(src, dst)

jp = os.path.join(os.path.dirname(__import__("opencc").__file__), "dictionary", "JPVariants.txt")
for line in open(jp, encoding="utf-8"):
    trad, _, shin = line.rstrip("\n").partition("\t")
    for s in shin.split():
        if len(s) == 1 and len(trad) == 1:
            add(s, trad)

for src, dst in HAND.items():
    candidates[src] = [dst]

def is_ideograph(ch):
    o = ord(ch)
    return (0x2E80 <= o <= 0x2FDF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3134F)

out = {}
for src in sorted(candidates):
    if not is_ideograph(src) or in_gb2312(src) or t2s(src) != src:
        continue
    for dst in candidates[src]:
        for d in (dst, unicodedata.normalize("NFKC", dst)):
            s = t2s(d)
            if len(s) == 1 and s != src and in_gb2312(s):
                out[src] = s
                break
        if src in out:
            break

print("# tifa variant map: a code point, a tab, the character it is read as. Made by")
print("# data/make_variants.py from Unicode data and OpenCC (see data/variants-LICENSE.txt).")
for src in sorted(out):
    print(f"{src}\t{out[src]}")
