"""Writes hand-made hostile .xlsx files into tests/data/hostile/ (Python standard library only).

Each is a minimal but structurally valid OOXML package except for the one thing it tests.
Run from the repository root: python3 tests/data/make_hostile.py
"""
import os
import zipfile

OUT = "tests/data/hostile"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{sheets}
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
SHEET_CT = '<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{sheets}</sheets></workbook>"""
WB_SHEET = '<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
{rels}
<Relationship Id="rId100" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
WB_REL = '<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<dimension ref="{dim}"/><sheetData>{rows}</sheetData></worksheet>"""


def sst(strings, unique_count=None):
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    n = len(strings) if unique_count is None else unique_count
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{n}" uniqueCount="{n}">{items}</sst>')


def col(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def rows_xml(rows):
    """rows: list of (row_index0, [(col0, kind, value)]) with kind 's' (shared index), 'n', 'f'."""
    out = []
    for r, cells in rows:
        cs = []
        for c, kind, v in cells:
            ref = f"{col(c)}{r + 1}"
            if kind == "s":
                cs.append(f'<c r="{ref}" t="s"><v>{v}</v></c>')
            elif kind == "n":
                cs.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif kind == "f":  # formula without a cached value
                cs.append(f'<c r="{ref}"><f>{v}</f></c>')
        out.append(f'<row r="{r + 1}">{"".join(cs)}</row>')
    return "".join(out)


def write(name, sheets, strings, unique_count=None, stored=False, dims=None, raw_sheets=None):
    """sheets: list of (sheet name, rows)."""
    comp = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w", comp) as z:
        # Fixed timestamps keep the files reproducible.
        def put(arc, text):
            info = zipfile.ZipInfo(arc, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = comp
            z.writestr(info, text)

        n = len(sheets)
        put("[Content_Types].xml", CONTENT_TYPES.format(
            sheets="".join(SHEET_CT.format(i=i + 1) for i in range(n))))
        put("_rels/.rels", ROOT_RELS)
        put("xl/workbook.xml", WORKBOOK.format(
            sheets="".join(WB_SHEET.format(name=s[0], i=i + 1) for i, s in enumerate(sheets))))
        put("xl/_rels/workbook.xml.rels", WB_RELS.format(
            rels="".join(WB_REL.format(i=i + 1) for i in range(n))))
        for i, (_, rows) in enumerate(sheets):
            if raw_sheets and raw_sheets[i] is not None:
                put(f"xl/worksheets/sheet{i + 1}.xml", raw_sheets[i])
                continue
            dim = (dims or {}).get(i, "A1:D10")
            put(f"xl/worksheets/sheet{i + 1}.xml", SHEET.format(dim=dim, rows=rows_xml(rows)))
        put("xl/sharedStrings.xml", sst(strings, unique_count))
    return path


STRINGS = ["職員番号", "問1", "問2", "問3", "無回答"]


def survey_rows(offset):
    rows = [(0, [(0, "s", 0), (1, "s", 1), (2, "s", 2), (3, "s", 3)])]
    for i in range(8):
        rows.append((i + 1, [(0, "n", 100 + i), (1, "n", 1 + (i + offset) % 5),
                             (2, "n", 1 + (2 * i + offset) % 5), (3, "s", 4) if i == 3 else (3, "n", 3)]))
    return rows


def main():
    os.makedirs(OUT, exist_ok=True)
    two = [("事前", survey_rows(0)), ("事後", survey_rows(1))]
    # A valid workbook stored without compression: the seed for byte-flip mutation tests.
    write("stored.xlsx", two, STRINGS, stored=True)
    # A declared size of the whole sheet (A1:XFD1048576) over a few cells.
    write("huge_dimension.xlsx", two, STRINGS, dims={0: "A1:XFD1048576", 1: "A1:XFD1048576"})
    # A shared-string table claiming four billion entries.
    write("sst_unique_count.xlsx", two, STRINGS, unique_count=4_000_000_000)
    # Formulas without cached values (as written by some generators): blank to a reader.
    rows = survey_rows(0)
    rows[2] = (2, [(0, "n", 101), (1, "f", "1+1"), (2, "f", "SUM(B2:B3)"), (3, "n", 2)])
    write("no_cached_values.xlsx", [("事前", rows), ("事後", survey_rows(1))], STRINGS)
    # A cell beyond Excel's last row.
    rows = survey_rows(0) + [(1_048_576, [(1, "n", 3)])]
    write("beyond_last_row.xlsx", [("事前", rows), ("事後", survey_rows(1))], STRINGS)
    # One 64 KiB shared string referenced by 60,000 cells: 3.9 GB if each cell copied it.
    big = "あ" * 65_536
    rows = [(0, [(0, "s", 0), (1, "s", 1)])]
    rows += [(r, [(0, "n", r), (1, "s", 5)]) for r in range(1, 30_001)]
    rows2 = [(0, [(0, "s", 0), (1, "s", 1)])]
    rows2 += [(r, [(0, "n", r), (1, "s", 5)]) for r in range(1, 30_001)]
    write("shared_string_fanout.xlsx", [("事前", rows), ("事後", rows2)], STRINGS + [big])
    # Broken XML in a sheet.
    write("bad_xml.xlsx", two, STRINGS,
          raw_sheets=[None, '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></row>'])


if __name__ == "__main__":
    main()
