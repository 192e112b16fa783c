#!/usr/bin/env python3
"""Makes tests/hostile/huge_dimensions.xls: examples/staff_survey.xlsx saved as .xls by LibreOffice
(`soffice --headless --convert-to xls`), then every BIFF8 DIMENSIONS record (type 0x0200, length
14) rewritten to claim rows 0..0xFFFFFFFF and columns 0..255. calamine 0.38 reserves
rows × columns cells up front for it (xls.rs:665-667) and the allocation of ~44 TB fails: the
process aborts (uncatchable). The reader must refuse such a record before calamine sees it.

Run from the repository root: python3 tests/hostile/make_dimensions_xls.py
"""
import os
import struct
import subprocess
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo",
         "--convert-to", "xls", "--outdir", tmp, "examples/staff_survey.xlsx"],
        check=True, capture_output=True)
    data = bytearray(open(os.path.join(tmp, "staff_survey.xls"), "rb").read())

record = b"\x00\x02\x0e\x00"  # type 0x0200, length 14 (little endian)
hits = 0
at = data.find(record)
while at >= 0:
    data[at + 4:at + 18] = struct.pack("<IIHHH", 0, 0xFFFFFFFF, 0, 0xFF, 0)
    hits += 1
    at = data.find(record, at + 1)
assert hits >= 2, f"expected a DIMENSIONS record per sheet, found {hits}"
open("tests/hostile/huge_dimensions.xls", "wb").write(data)
print(f"wrote tests/hostile/huge_dimensions.xls ({hits} DIMENSIONS records rewritten)")
