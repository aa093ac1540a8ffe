#!/usr/bin/env python3
"""Compiles data/divisions.tsv, China's administrative divisions (province, prefecture, county),
from the adcodes table of the MIT-licensed cpca package (https://pypi.org/project/cpca/):

    pip download cpca --no-deps -d /tmp/cpca && unzip /tmp/cpca/cpca-*.whl -d /tmp/cpca
    python3 scripts/divisions.py /tmp/cpca/cpca/resources/adcodes.csv > data/divisions.tsv

Each line: the six-digit division code and the official name. The code says the hierarchy:
PP0000 a province, PPCC00 a prefecture-level city, PPCCDD a county or district inside it.
"""
import csv
import sys

rows = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for row in csv.DictReader(f):
        code = row["adcode"][:6]
        if row["adcode"][6:].strip("0") or not code.isdigit():
            continue  # townships and below
        rows[code] = row["name"].strip()
print("# China's administrative divisions: code<TAB>name. Compiled by scripts/divisions.py from the")
print("# adcodes of the cpca package (MIT licence, see divisions.LICENSE). PP0000 province, PPCC00")
print("# prefecture-level city, PPCCDD county or district.")
for code in sorted(rows):
    print(f"{code}\t{rows[code]}")
