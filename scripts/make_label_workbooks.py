#!/usr/bin/env python3
"""Writes the answer-label, unit and non-item workbooks of tests/data/labels/ with openpyxl,
the way municipal staff make them, and tests/data/labels/expected.json with the true scores.

    pip install openpyxl && python3 scripts/make_label_workbooks.py

The expected scores are the ones each respondent chose (the generator's own data), never
numbers produced by ttest-xl. Deterministic: same files on every run (fixed seed and dates).
"""
import datetime
import json
import os
import random

from openpyxl import Workbook

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "labels")
FIXED = datetime.datetime(2025, 4, 1, 9, 0, 0)

# Five-point そう思う scale, score → label, and the same labels written five ways.
OMOU5 = {5: "とてもそう思う", 4: "そう思う", 3: "どちらともいえない", 2: "そう思わない", 1: "全くそう思わない"}
WAYS = {
    "plain": lambda s: OMOU5[s],
    "colon": lambda s: f"{s}:{OMOU5[s]}",
    "paren": lambda s: f"{s}（{OMOU5[s]}）",
    # Half-width katakana, full-width space, kana spelling, trailing space.
    "variants": lambda s: {
        5: "ﾄﾃﾓ ｿｳ思ｳ",
        4: "そう　思う ",
        3: "どちらとも言えない",
        2: "そう思わない　",
        1: "まったくそう思わない",
    }[s],
    "score_only": lambda s: f"({s})",
}
# Five-point scale whose top is そう思う (5…1, not 4…2).
OMOU5_TOP = {5: "そう思う", 4: "ややそう思う", 3: "どちらともいえない", 2: "あまりそう思わない", 1: "そう思わない"}
# Four-point あてはまる scale.
ATE4 = {4: "あてはまる", 3: "ややあてはまる", 2: "あまりあてはまらない", 1: "あてはまらない"}


def save(wb, name):
    for ws in wb.worksheets:
        pass
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(os.path.join(OUT, name))


def five_ways(rng, expected):
    """Two sheets 事前/事後 paired by 職員番号: five items, each written one of the five ways,
    plus 勤続年数 (0–37), 年齢, 合計点 (the row sum) and a 達成率 in percent (two ways)."""
    wb = Workbook()
    items = list(WAYS)
    headers = ["職員番号", "所属"] + [f"Q{i + 1} {w}" for i, w in enumerate(items)] + [
        "勤続年数",
        "年齢",
        "合計点",
        "達成率",
        "満足度（点）",
    ]
    exp = {"items": [h for h in headers[2 : 2 + len(items)]] + ["達成率", "満足度（点）"], "first": [], "second": []}
    people = [1000 + i for i in range(24)]
    years = {p: rng.randint(0, 37) for p in people}
    ages = {p: 22 + years[p] + rng.randint(0, 5) for p in people}
    for sheet_no, name in enumerate(["事前", "事後"]):
        ws = wb.active if sheet_no == 0 else wb.create_sheet()
        ws.title = name
        ws.append(headers)
        cols = [[] for _ in exp["items"]]
        for r, p in enumerate(people):
            scores = [min(5, max(1, rng.randint(1, 5) + sheet_no)) for _ in items]
            pct = rng.choice([40, 55, 60, 75, 80, 90, 100])
            pts = rng.randint(1, 5)
            row = [p, rng.choice(["総務課", "市民課"])]
            row += [WAYS[w](s) for w, s in zip(items, scores)]
            row += [years[p], ages[p], sum(scores)]
            # 達成率: text "80%" in most rows, an Excel percent cell (0.8, shown 80%) in some.
            row.append(pct / 100 if r % 5 == 0 else f"{pct}%" if r % 2 else f"{pct}％")
            row.append(f"{pts}点" if r % 3 else f"{pts} 点")
            ws.append(row)
            if r % 5 == 0:
                ws.cell(row=ws.max_row, column=len(row) - 1).number_format = "0%"
            for k, s in enumerate(scores + [pct, pts]):
                cols[k].append(s)
        exp["first" if sheet_no == 0 else "second"] = cols
    expected["five_ways.xlsx"] = exp
    save(wb, "five_ways.xlsx")


def forms(rng, expected):
    """A Microsoft Forms export: ID (a response number), times, e-mail, name, a column saying
    when (研修前/研修後), a five-point item whose top is そう思う, a four-point あてはまる item with
    「わからない」 answers, and nobody choosing 「全くそう思わない」 in a third item."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Form1"
    headers = [
        "ID",
        "開始時刻",
        "完了時刻",
        "メール",
        "名前",
        "実施時期",
        "仕事にやりがいを感じている",
        "職場の雰囲気は良い",
        "研修内容は業務に役立つ",
    ]
    ws.append(headers)
    exp = {"items": headers[6:], "first": [[], [], []], "second": [[], [], []]}
    n = 0
    for when, shift in [("研修前", 0), ("研修後", 1)]:
        for i in range(20):
            n += 1
            s1 = min(5, max(1, rng.randint(1, 5) + shift))
            s2 = None if i % 7 == 3 else min(4, max(1, rng.randint(1, 4) + shift))
            s3 = rng.randint(2, 5)
            ws.append(
                [
                    n,
                    FIXED + datetime.timedelta(minutes=n),
                    FIXED + datetime.timedelta(minutes=n + 3),
                    f"user{i}@city.example.jp",
                    f"職員{i}",
                    when,
                    OMOU5_TOP[s1],
                    "わからない" if s2 is None else ATE4[s2],
                    OMOU5[s3],
                ]
            )
            key = "first" if shift == 0 else "second"
            exp[key][0].append(s1)
            exp[key][1].append(s2)
            exp[key][2].append(s3)
    expected["forms_labels.xlsx"] = exp
    save(wb, "forms_labels.xlsx")


def uncertain(rng):
    """Labels that cannot be ordered with certainty: 「ややそう思う」 and 「どちらかといえばそう思う」
    (one level), an unknown word, labels of two scales."""
    wb = Workbook()
    for sheet_no, name in enumerate(["事前", "事後"]):
        ws = wb.active if sheet_no == 0 else wb.create_sheet()
        ws.title = name
        ws.append(["ID", "Q1 職場に満足している", "Q2 相談しやすい", "Q3 研修は役立つ"])
        q1 = ["そう思う", "ややそう思う", "どちらかといえばそう思う", "そう思わない"]
        q2 = ["とてもそう思う", "そう思う", "たぶんそう思う", "そう思わない"]
        q3 = ["満足", "そう思う", "不満", "そう思わない"]
        for i in range(12):
            ws.append([i + 1, q1[(i + sheet_no) % 4], q2[i % 4], q3[(i * 3 + sheet_no) % 4]])
    save(wb, "uncertain.xlsx")


def budget(rng):
    """A budget book, two years: amounts and counts, nothing answer-like."""
    wb = Workbook()
    for sheet_no, name in enumerate(["令和5年度", "令和6年度"]):
        ws = wb.active if sheet_no == 0 else wb.create_sheet()
        ws.title = name
        ws.append(["事業名", "予算額", "決算額", "執行率", "担当者数"])
        for i in range(15):
            b = rng.randint(100, 9000) * 1000
            ws.append([f"事業{i + 1}", b, int(b * rng.uniform(0.7, 1.0)), round(rng.uniform(0.7, 1.0), 3), rng.randint(1, 12)])
    save(wb, "budget.xlsx")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(20251204)
    expected = {}
    five_ways(rng, expected)
    forms(rng, expected)
    uncertain(rng)
    budget(rng)
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
