#!/usr/bin/env python3
"""Writes tests/data/hidden/hidden.xlsx with openpyxl and converts it with LibreOffice to
hidden.xls and hidden.ods (issue 20, class 1 in every format): sheets 事前 and 事後 (職員番号, Q1,
Q2, メモ) with row 5 hidden in both (a test account answering 1 before and 5 after) and column D
(メモ, numbers 1–5) hidden; a hidden first sheet 回答_旧 (an uncorrected copy of 事前, every
answer one point higher) and a very hidden sheet 控え.

    pip install openpyxl && python3 scripts/make_hidden_workbooks.py   # needs soffice

The ten real respondents' answers are BEFORE/AFTER below (also in tests/workbook_hidden_formats.rs).
The script then checks that the flags survived the conversion (row/col/sheet hidden in the
files' own records), so a LibreOffice that drops them fails here, not silently in the tests.
"""
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "hidden")
BEFORE = [(3, 2), (4, 3), (2, 2), (3, 4), (4, 3), (3, 3), (2, 1), (4, 4), (3, 2), (3, 3)]
AFTER = [(4, 3), (4, 4), (3, 2), (4, 4), (5, 4), (3, 3), (3, 2), (4, 5), (4, 3), (4, 3)]


def sheet(ws, data, test, shift=0):
    ws.append(["職員番号", "Q1", "Q2", "メモ"])
    for i, (q1, q2) in enumerate(data):
        if i == 3:
            # Row 5: the test account, hidden.
            ws.append([9999, test, test, 5])
            ws.row_dimensions[5].hidden = True
        ws.append([1001 + i, min(5, q1 + shift), min(5, q2 + shift), (i % 5) + 1])
    ws.column_dimensions["D"].hidden = True


def main():
    os.makedirs(OUT, exist_ok=True)
    wb = Workbook()
    old = wb.active
    old.title = "回答_旧"
    sheet(old, BEFORE, 1, shift=1)
    old.sheet_state = "hidden"
    sheet(wb.create_sheet("事前"), BEFORE, 1)
    sheet(wb.create_sheet("事後"), AFTER, 5)
    copy = wb.create_sheet("控え")
    sheet(copy, BEFORE, 1, shift=1)
    copy.sheet_state = "veryHidden"
    wb.active = 1
    src = os.path.join(OUT, "hidden.xlsx")
    wb.save(src)
    profile = tempfile.mkdtemp()
    try:
        for fmt in ["xls", "ods"]:
            subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                 "--convert-to", fmt, "--outdir", OUT, src],
                check=True, stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    # The flags survived: the .ods says so in its XML.
    import zipfile
    content = zipfile.ZipFile(os.path.join(OUT, "hidden.ods")).read("content.xml").decode()
    assert 'table:visibility="collapse"' in content, "ods: no hidden row or column"
    print("wrote", os.listdir(OUT))


if __name__ == "__main__":
    main()
