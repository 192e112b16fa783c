#!/usr/bin/env python3
"""Makes tests/hostile/repeated_rows.ods (about 10 kB): examples/staff_survey.xlsx saved as .ods by
LibreOffice, then in the first sheet the first data row gets
table:number-rows-repeated="1048000" and its first numeric cell
table:number-columns-repeated="40" — legal ODF that says "this row 1,048,000 times". calamine 0.38
expands repeats into memory (up to its own limit of 100 million cells), so the file asks for
~58 million cells: many GB, an allocation failure and an abort on an ordinary PC, although the
file is tiny. The reader must count repeated cells before calamine expands them.

Run from the repository root: python3 tests/hostile/make_repeated_ods.py
"""
import os
import subprocess
import tempfile
import zipfile

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo",
         "--convert-to", "ods", "--outdir", tmp, "examples/staff_survey.xlsx"],
        check=True, capture_output=True)
    src = zipfile.ZipFile(os.path.join(tmp, "staff_survey.ods"))
    content = src.read("content.xml").decode()
    rows = content.find("<table:table-row", content.find("<table:table-row") + 1)
    assert rows > 0, "no second row"
    content = (content[:rows]
               + content[rows:].replace("<table:table-row",
                                        '<table:table-row table:number-rows-repeated="1048000"', 1))
    cell = content.find('office:value-type="float"', rows)
    assert cell > 0, "no numeric cell in the row"
    content = (content[:cell] + 'table:number-columns-repeated="40" ' + content[cell:])
    with zipfile.ZipFile("tests/hostile/repeated_rows.ods", "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "content.xml":
                data = content.encode()
            method = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            out.writestr(info.filename, data, compress_type=method)
print("wrote tests/hostile/repeated_rows.ods")
