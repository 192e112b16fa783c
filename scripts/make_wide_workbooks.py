#!/usr/bin/env python3
"""Writes the wide paired-layout workbooks of tests/data/wide/ with openpyxl (issue 20, class 5):
one sheet per workbook whose columns come in before/after pairs, named the ways municipal staff
name them, and tests/data/wide/values.csv with the answers themselves.

    pip install openpyxl && python3 scripts/make_wide_workbooks.py
    Rscript tests/reference/wide.R      # the reference: t.test(paired = TRUE) per item

Every accepted workbook holds the same answers (values.csv), so one R reference checks them all.
The refused workbooks break the pattern one way each. Deterministic (fixed seed).
"""
import csv
import os
import random

from openpyxl import Workbook

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "wide")
ITEMS = ["Q1", "Q2", "Q3", "Q4"]
N = 24


def answers():
    rng = random.Random(23)
    rows = []
    for i in range(N):
        before = [rng.randint(1, 5) for _ in ITEMS]
        after = [min(5, max(1, b + rng.choice([-1, 0, 1, 1, 2]))) for b in before]
        rows.append((f"S{1001 + 7 * i}", rng.choice(["総務課", "市民課", "福祉課"]), rng.randint(23, 60), before, after))
    # Missing answers: a blank before, a blank after, a no-answer text (pairs drop per item).
    rows[3][3][1] = None
    rows[7][4][2] = None
    rows[11][4][0] = "無回答"
    return rows


def write(name, header, row_of):
    wb = Workbook()
    ws = wb.active
    ws.title = "回答"
    ws.append(header)
    for r in answers():
        ws.append(row_of(r))
    wb.save(os.path.join(OUT, name))


def blocked(before_name, after_name):
    """ID, department, age, then every before column, then every after column."""
    header = ["職員番号", "所属", "年齢"] + [before_name(q) for q in ITEMS] + [after_name(q) for q in ITEMS]
    return header, lambda r: [r[0], r[1], r[2]] + list(r[3]) + list(r[4])


def interleaved(before_name, after_name):
    header = ["職員番号", "所属"]
    for q in ITEMS:
        header += [before_name(q), after_name(q)]

    def row(r):
        out = [r[0], r[1]]
        for b, a in zip(r[3], r[4]):
            out += [b, a]
        return out

    return header, row


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "values.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([f"before_{q}" for q in ITEMS] + [f"after_{q}" for q in ITEMS])
        for r in answers():
            w.writerow(["" if not isinstance(v, int) else v for v in list(r[3]) + list(r[4])])

    # Accepted: one pattern, every item with both halves.
    write("prefix_jigo.xlsx", *blocked(lambda q: f"事前_{q}", lambda q: f"事後_{q}"))
    write("suffix_mae_ato.xlsx", *interleaved(lambda q: f"{q}_前", lambda q: f"{q}_後"))
    write("bracket_kenshu.xlsx", *interleaved(lambda q: f"{q}（研修前）", lambda q: f"{q}（研修後）"))
    write("suffix_before_after.xlsx", *interleaved(lambda q: f"{q}_before", lambda q: f"{q}_after"))
    write("prefix_pre_post.xlsx", *blocked(lambda q: f"pre-{q}", lambda q: f"post-{q}"))
    # Stated by --wide: marks no built-in pattern knows (T1 / T2).
    write("stated_t1_t2.xlsx", *interleaved(lambda q: f"T1_{q}", lambda q: f"T2_{q}"))

    # Refused: an item with one half only (事後_Q4 missing).
    h, row = blocked(lambda q: f"事前_{q}", lambda q: f"事後_{q}")
    write("partial.xlsx", h[:-1], lambda r: row(r)[:-1])
    # Refused: two patterns mixed (事前_Q1… and Q3_before/Q3_after).
    names_b = [f"事前_{q}" if q in ("Q1", "Q2") else f"{q}_before" for q in ITEMS]
    names_a = [f"事後_{q}" if q in ("Q1", "Q2") else f"{q}_after" for q in ITEMS]
    write("mixed.xlsx", ["職員番号", "所属", "年齢"] + names_b + names_a, blocked(str, str)[1])
    # Refused: an answer column without a mark (総合満足度 asked once).
    h, row = blocked(lambda q: f"事前_{q}", lambda q: f"事後_{q}")
    rng = random.Random(7)
    write("unmarked_item.xlsx", h + ["総合満足度"], lambda r: row(r) + [rng.randint(1, 5)])


if __name__ == "__main__":
    main()
