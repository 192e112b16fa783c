#!/usr/bin/env python3
"""Checks an add-in built by scripts/build-xlam.py with readers that are not ours.

    python3 scripts/check-xlam.py TTestXL.xlam

Prints one PASS/FAIL line per check and ends with "N passed, M failed" (exit status 1 on any
failure). Needs oletools (PyPI; it brings olefile): pip install oletools==0.60.2.

 1. the package: xl/workbook.xml has the add-in content type
    application/vnd.ms-excel.addin.macroEnabled.main+xml; the workbook relates to
    xl/vbaProject.bin with the vbaProject relationship; the ribbon part customUI/customUI14.xml
    is related from the package root, is well-formed, and each onAction names a Public Sub of
    vba/TTestXLAddin.bas that takes the ribbon control;
 2. the compound file, read by olefile with every defect it knows raised: the streams and
    storages are exactly PROJECT, PROJECTwm, VBA/{_VBA_PROJECT, dir, modules}; each storage's
    children form a red-black tree ([MS-CFB] 2.6.4) ordered as the specification says;
 3. VBA/_VBA_PROJECT is CC 61 FF FF 00 + 2 bytes: Version 0xFFFF, no performance cache, so Excel
    compiles the project from source ([MS-OVBA] 2.3.4.1);
 4. oletools' olevba (its own decompression and dir-stream parser, relaxed=False) reads the
    project: name, code page, module list, and each module's source byte for byte equal to
    vba/TTestXL.bas and vba/TTestXLAddin.bas; ThisWorkbook's Workbook_Open calls TTXL_AddinOpen;
 0. build-xlam's compression round-trips through olevba's decompressor on edge cases, and the
    byte-for-byte comparison notices a one-byte change of a module;
 5. the PROJECT stream's CMG/DPB/GC decrypt ([MS-OVBA] 2.4.3.3) to "not protected", "no password",
    "visible" (the decryption is first checked on a CMG value taken from a file made by Office).
"""
import io
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("build_xlam", os.path.join(HERE, "build-xlam.py"))
build_xlam = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_xlam)

try:
    import olefile
    from oletools.olevba import VBA_Parser, VBA_Project, decompress_stream
except ImportError:
    sys.exit("check-xlam: needs oletools (pip install oletools==0.60.2)")

RED = 0  # [MS-CFB] 2.6.1 Color Flag: 0x00 red, 0x01 black
ADDIN_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
UI = "{http://schemas.microsoft.com/office/2009/07/customui}"

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print("PASS " + what)
    else:
        failed += 1
        print("FAIL " + what)
    return ok


def check_package(z):
    types = ET.fromstring(z.read("[Content_Types].xml"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(CT + "Override")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(CT + "Default")}
    check(overrides.get("/xl/workbook.xml") == ADDIN_TYPE,
          "xl/workbook.xml has the add-in content type " + ADDIN_TYPE)
    check(defaults.get("bin") == "application/vnd.ms-office.vbaProject",
          ".bin parts have the vbaProject content type")
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    check(any(r.get("Type") == "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
              and r.get("Target") == "vbaProject.bin" for r in rels.iter(REL + "Relationship")),
          "the workbook relates to vbaProject.bin (vbaProject relationship)")
    root_rels = ET.fromstring(z.read("_rels/.rels"))
    check(any(r.get("Type") == "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
              and r.get("Target") == "customUI/customUI14.xml" for r in root_rels.iter(REL + "Relationship")),
          "the package relates to customUI/customUI14.xml (Office 2010+ ribbon relationship)")
    ui = ET.fromstring(z.read("customUI/customUI14.xml"))
    actions = [b.get("onAction") for b in ui.iter(UI + "button")]
    check(len(actions) >= 1 and all(actions), "the ribbon has buttons, each with an onAction: %s" % actions)
    with open(os.path.join(ROOT, "vba", "TTestXLAddin.bas"), encoding="ascii") as f:
        addin = f.read()
    for action in actions:
        check(re.search(r"^Public Sub %s\(control As Object\)" % re.escape(action or "?"), addin, re.M),
              "onAction %s is a Public Sub (control As Object) in vba/TTestXLAddin.bas" % action)
    with open(os.path.join(ROOT, "vba", "TTestXL.bas"), encoding="ascii") as f:
        main = f.read()
    for macro in ("TTXL_AnalyzeSelection", "TTXL_SelfTest"):
        check(re.search(r"^Public Sub %s\(\)" % macro, main, re.M) and re.search(r"^\s+%s\s*$" % macro, addin, re.M),
              "the ribbon's callbacks call %s, a Public Sub of vba/TTestXL.bas" % macro)


def check_red_black(ole, storage):
    """[MS-CFB] 2.6.4: the children of `storage` as read from the file."""
    entries = ole.direntries
    problems = []

    def key(e):
        return (len(e.name), [ord(c) for c in e.name.upper()])

    def walk(sid, lo, hi, parent_red):
        if sid == olefile.NOSTREAM:
            return 1
        e = entries[sid]
        red = e.color == RED
        if parent_red and red:
            problems.append("red %s under a red parent" % e.name)
        if (lo is not None and key(e) <= key(lo)) or (hi is not None and key(e) >= key(hi)):
            problems.append("%s is out of order" % e.name)
        left = walk(e.sid_left, lo, e, red)
        right = walk(e.sid_right, e, hi, red)
        if left != right:
            problems.append("black heights differ under %s" % e.name)
        return left + (0 if red else 1)

    child = storage.sid_child
    if child != olefile.NOSTREAM and entries[child].color == RED:
        problems.append("the tree's root is red")
    walk(child, None, None, False)
    return problems


def check_compound_file(data):
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    names = sorted("/".join(p) for p in ole.listdir(streams=True, storages=True))
    want = sorted(["PROJECT", "PROJECTwm", "VBA", "VBA/_VBA_PROJECT", "VBA/dir", "VBA/ThisWorkbook",
                   "VBA/Sheet1"] + ["VBA/" + m for m in build_xlam.MODULES])
    check(names == want, "vbaProject.bin holds exactly %s (olefile, strict)" % ", ".join(want))
    for e in ole.direntries:
        if e is not None and e.entry_type in (olefile.STGTY_ROOT, olefile.STGTY_STORAGE):
            problems = check_red_black(ole, e)
            check(not problems, "the children of %r form an ordered red-black tree%s" % (
                e.name, "" if not problems else ": " + "; ".join(problems)))
    vp = ole.openstream("VBA/_VBA_PROJECT").read()
    check(len(vp) == 7 and vp[:5] == bytes([0xCC, 0x61, 0xFF, 0xFF, 0x00]),
          "_VBA_PROJECT is Reserved1 0x61CC, Version 0xFFFF, no performance cache (%s)" % vp.hex())
    return ole


def check_sources(path, ole):
    parser = VBA_Parser(path, relaxed=False)
    check(parser.detect_vba_macros(), "olevba detects the VBA project in the .xlam")
    got = {}
    for _, stream_path, _, code in parser.extract_macros():
        got[stream_path] = code
    want = build_xlam.MODULES + ["ThisWorkbook", "Sheet1"]
    check(sorted(got) == sorted("VBA/" + m for m in want),
          "olevba extracts the modules %s: %s" % (", ".join(want), sorted(got)))
    for name in build_xlam.MODULES:
        with open(os.path.join(ROOT, "vba", name + ".bas"), "rb") as f:
            want = f.read()
        code = got.get("VBA/" + name, "")
        same = code.encode("cp1252") == want
        check(same, "olevba's source of module %s equals vba/%s.bas byte for byte (%d bytes)" % (
            name, name, len(want)))
    check(re.search(r"Private Sub Workbook_Open\(\)\r\n\s+TTXL_AddinOpen Me\r\nEnd Sub", got.get("VBA/ThisWorkbook", "")),
          "ThisWorkbook's Workbook_Open calls TTXL_AddinOpen Me")
    project = VBA_Project(ole, "", "PROJECT", "VBA/dir", relaxed=False)
    check(project.projectname == build_xlam.PROJECT_NAME and project.codepage == build_xlam.CODE_PAGE,
          "olevba reads the dir stream: project %r, code page %s" % (project.projectname, project.codepage))
    raw = decompress_stream(bytearray(ole.openstream("VBA/dir").read()))
    modules = [(n, d) for n, _, d in build_xlam.module_sources()]
    check(bytes(raw) == build_xlam.dir_stream(modules),
          "olevba's decompression of VBA/dir gives back the dir records written (%d bytes)" % len(raw))


def check_protection(ole):
    # A CMG value and project ID from a file written by Office (ProjectProtectionState 0).
    office_id = "{9E76F5A0-DAC8-4521-BCEF-644697F88708}"
    office_cmg = "1715EF1A11262C2A2C2A2C2A2C2A"
    check(build_xlam.decrypt(office_cmg, office_id) == b"\x00\x00\x00\x00",
          "the [MS-OVBA] 2.4.3.3 decryption reads an Office-written CMG as 0")
    text = ole.openstream("PROJECT").read().decode("cp1252")
    values = dict(re.findall(r'^(ID|CMG|DPB|GC)="([^"]*)"\r$', text, re.M))
    check(set(values) == {"ID", "CMG", "DPB", "GC"}, "PROJECT has ID, CMG, DPB and GC")
    pid = values.get("ID", "")
    try:
        cmg = build_xlam.decrypt(values["CMG"], pid)
        dpb = build_xlam.decrypt(values["DPB"], pid)
        gc = build_xlam.decrypt(values["GC"], pid)
    except (KeyError, ValueError) as e:
        check(False, "CMG/DPB/GC decrypt: %s" % e)
        return
    check(cmg == struct.pack("<I", 0), "CMG decrypts to ProjectProtectionState 0 (not protected)")
    check(dpb == b"\x00", "DPB decrypts to 0x00 (no password)")
    check(gc == b"\xFF", "GC decrypts to 0xFF (the project is visible)")
    check(re.search(r"^Module=TTestXL\r$", text, re.M) and re.search(r"^Document=ThisWorkbook/&H00000000\r$", text, re.M),
          "PROJECT lists the standard and document modules")


def check_compression():
    """build-xlam's compressor against olevba's decompressor on inputs that reach the edge cases:
    an empty container, one byte, long runs (copy tokens of every bit count and the maximum
    length), exactly one chunk, one chunk and a byte, text, incompressible full chunks (stored
    raw)."""
    import random
    rng = random.Random(17)
    text = "".join(rng.choice("abcdefgh ijk\r\n'()=_") for _ in range(20000)).encode()
    cases = [("empty", b""), ("one byte", b"A"), ("runs", b"abc" * 5000 + b"x" * 9000),
             ("4096 bytes", text[:4096]), ("4097 bytes", text[:4097]), ("20000 bytes of text", text),
             ("8192 random bytes (raw chunks)", bytes(rng.randrange(256) for _ in range(8192)))]
    for label, data in cases:
        packed = build_xlam.compress(data)
        back = bytes(decompress_stream(bytearray(packed))) if data else b""
        check(back == data and packed[0] == 1,
              "compression round trip through olevba's decompressor: %s (%d -> %d bytes)" % (
                  label, len(data), len(packed)))


def check_detects_a_change(path):
    """The byte-for-byte comparison must fail on an add-in whose module differs by one byte."""
    import tempfile
    sources = build_xlam.module_sources()
    name, source, doc = sources[0]
    sources[0] = (name, source.replace(b"Option Explicit", b"Option Explicit ", 1), doc)
    with zipfile.ZipFile(path) as z, tempfile.TemporaryDirectory() as tmp:
        changed = os.path.join(tmp, "changed.xlam")
        with zipfile.ZipFile(changed, "w") as out:
            for item in z.infolist():
                data = z.read(item.filename)
                if item.filename == "xl/vbaProject.bin":
                    data = build_xlam.vba_project_bin(sources)
                out.writestr(item, data)
        got = {sp: code for _, sp, _, code in VBA_Parser(changed, relaxed=False).extract_macros()}
        with open(os.path.join(ROOT, "vba", name + ".bas"), "rb") as f:
            same = got.get("VBA/" + name, "").encode("cp1252") == f.read()
    check(not same, "the source comparison notices a module that differs by one byte")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[1]
    check_compression()
    check_detects_a_change(path)
    with zipfile.ZipFile(path) as z:
        check_package(z)
        data = z.read("xl/vbaProject.bin")
    ole = check_compound_file(data)
    check_sources(path, ole)
    check_protection(ole)
    print("xlam: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
