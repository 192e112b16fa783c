#!/usr/bin/env python3
"""Writes the comparison-group example workbooks (issue 14.3), deterministic (seeded).

  examples/staff_survey_compare.xlsx       sheets 事前/事後, 職員番号 with leading zeros (0001…),
                                           受講 あり/なし on both sheets: paired by ID.
  examples/staff_survey_compare_anon.xlsx  sheets 事前/事後 without an ID column (anonymous), 受講
                                           on both sheets, different respondents each time.
  tests/data/compare/*.xlsx                small workbooks for the refusals (three levels, a level
                                           too small, a level that changes between the sheets,
                                           labels whose meaning is not obvious).

Run from the repository root: python3 scripts/make_compare_workbooks.py  (needs openpyxl).
"""
import random
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
ITEMS = ["Q1 仕事のやりがい", "Q2 上司への相談", "Q3 業務の効率化", "Q4 研修内容の活用", "Q5 職場の風通し"]
# Extra change per item for participants (points); Q5 barely moves.
LIFT = [0.5, 0.3, 0.6, 0.8, 0.0]


def clip(v):
    return max(1, min(5, int(round(v))))


def answers(rng, base, shift):
    return [clip(rng.gauss(base[i] + shift[i], 0.9)) for i in range(len(ITEMS))]


def sheet(wb, name, header, rows, first=False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = name
    ws.append(header)
    for r in rows:
        ws.append(r)


def blank_some(rng, vals, share=0.04):
    return [None if rng.random() < share else v for v in vals]


def paired(path):
    rng = random.Random(1403)
    before, after = [], []
    for k in range(1, 65):
        sid = f"{k:04d}"
        took = "あり" if rng.random() < 0.45 else "なし"
        dept = rng.choice(["総務課", "市民課", "福祉課", "税務課"])
        base = [rng.gauss(3.0, 0.5) for _ in ITEMS]
        b = answers(rng, base, [0.0] * len(ITEMS))
        shift = [0.1 + (LIFT[i] if took == "あり" else 0.0) for i in range(len(ITEMS))]
        a = answers(rng, base, shift)
        before.append([sid, dept, took] + blank_some(rng, b))
        after.append([sid, dept, took] + blank_some(rng, a))
    rng.shuffle(after)  # pairing is by 職員番号, not by row
    wb = Workbook()
    header = ["職員番号", "所属", "受講"] + ITEMS
    sheet(wb, "事前", header, before, first=True)
    sheet(wb, "事後", header, after)
    wb.save(path)


def anonymous(path):
    rng = random.Random(1404)
    wb = Workbook()
    header = ["所属", "受講"] + ITEMS
    for s, (name, n) in enumerate([("事前", 58), ("事後", 61)]):
        rows = []
        for _ in range(n):
            took = "あり" if rng.random() < 0.45 else "なし"
            dept = rng.choice(["総務課", "市民課", "福祉課", "税務課"])
            shift = [0.1 * s + (LIFT[i] * s if took == "あり" else 0.0) for i in range(len(ITEMS))]
            base = [3.0 + (0.2 if took == "あり" else 0.0)] * len(ITEMS)
            rows.append([dept, took] + blank_some(rng, answers(rng, base, shift)))
        sheet(wb, name, header, rows, first=(s == 0))
    wb.save(path)


def small(path, levels_before, levels_after, seed):
    """Paired workbook with the given 受講 values per respondent on each sheet."""
    rng = random.Random(seed)
    wb = Workbook()
    header = ["職員番号", "受講"] + ITEMS
    rows_b, rows_a = [], []
    for k, (lb, la) in enumerate(zip(levels_before, levels_after), start=1):
        sid = f"{k:04d}"
        rows_b.append([sid, lb] + answers(rng, [3.0] * len(ITEMS), [0.0] * len(ITEMS)))
        rows_a.append([sid, la] + answers(rng, [3.0] * len(ITEMS), [0.3] * len(ITEMS)))
    sheet(wb, "事前", header, rows_b, first=True)
    sheet(wb, "事後", header, rows_a)
    wb.save(path)


def main():
    paired(ROOT / "examples/staff_survey_compare.xlsx")
    anonymous(ROOT / "examples/staff_survey_compare_anon.xlsx")
    d = ROOT / "tests/data/compare"
    d.mkdir(parents=True, exist_ok=True)
    three = ["あり"] * 8 + ["なし"] * 8 + ["未定"] * 6
    small(d / "three_levels.xlsx", three, three, 1)
    tiny = ["あり"] * 3 + ["なし"] * 12
    small(d / "small_level.xlsx", tiny, tiny, 2)
    moved_b = ["あり"] * 8 + ["なし"] * 8
    moved_a = ["あり"] * 7 + ["なし"] * 9  # respondent 0008: あり before, なし after
    small(d / "level_changed.xlsx", moved_b, moved_a, 3)
    odd = ["A班"] * 8 + ["B班"] * 8
    small(d / "unclear_levels.xlsx", odd, odd, 4)


if __name__ == "__main__":
    main()
