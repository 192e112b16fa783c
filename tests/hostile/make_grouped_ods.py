#!/usr/bin/env python3
"""Makes tests/hostile/grouped_rows.ods: examples/staff_survey.xlsx with rows 3-40 of every sheet
in an outline group (nested: rows 10-20 in a second level) and row 1 as print-title rows, saved as
.ods by LibreOffice. LibreOffice writes the groups as nested table:table-row-group elements and the
title row as table:table-header-rows, and ends every sheet with its usual empty tail
(table:number-rows-repeated over ~1,048,000 rows of table:number-columns-repeated empty cells).
A legitimate file: it must read exactly like the .xlsx (tests/workbook_read.rs), and the .ods
pre-scan (cli/src/workbook/ods_scan.rs) must count its rows where calamine does.

Needs openpyxl and soffice. Run from the repository root: python3 tests/hostile/make_grouped_ods.py
"""
import os
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl

with tempfile.TemporaryDirectory() as tmp:
    wb = openpyxl.load_workbook("examples/staff_survey.xlsx")
    for ws in wb.worksheets:
        ws.row_dimensions.group(3, 40, outline_level=1, hidden=False)
        ws.row_dimensions.group(10, 20, outline_level=2, hidden=False)
        ws.print_title_rows = "1:1"
    src = os.path.join(tmp, "grouped_rows.xlsx")
    wb.save(src)
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo",
         "--convert-to", "ods", "--outdir", tmp, src],
        check=True, capture_output=True)
    out = os.path.join(tmp, "grouped_rows.ods")
    content = zipfile.ZipFile(out).read("content.xml").decode()
    assert "<table:table-row-group" in content, "no row group written"
    assert "<table:table-header-rows" in content, "no header rows written"
    shutil.copy(out, "tests/hostile/grouped_rows.ods")
print("wrote tests/hostile/grouped_rows.ods")
