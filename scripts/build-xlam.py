#!/usr/bin/env python3
"""Builds the Excel add-in TTestXL.xlam from vba/*.bas (TTestXL.bas, TTestXLAddin.bas), without Excel.

    python3 scripts/build-xlam.py OUT.xlam

The add-in is an OOXML package (a zip) with
  * the add-in content type `application/vnd.ms-excel.addin.macroEnabled.main+xml` for
    xl/workbook.xml (this, not the file name, is what makes Excel treat it as an add-in);
  * xl/vbaProject.bin: a compound file [MS-CFB] holding the VBA project [MS-OVBA]:
      PROJECT, PROJECTwm          project properties and module names (2.3.1, 2.3.3)
      VBA/_VBA_PROJECT            7 bytes, Version 0xFFFF: no compiled code (performance cache),
                                  so Excel compiles the project from the source on load (2.3.4.1)
      VBA/dir                     the project information, references and module records
                                  (2.3.4.2), compressed (2.4.1)
      VBA/TTestXL, VBA/TTestXLAddin, VBA/ThisWorkbook, VBA/Sheet1
                                  each module's source, compressed (2.3.4.3), MODULEOFFSET 0;
    the standard modules are the .bas files byte for byte (their Attribute lines included, as the
    VBA editor stores them); ThisWorkbook is the workbook's document module with Workbook_Open,
    which calls TTXL_AddinOpen (vba/TTestXLAddin.bas);
  * customUI/customUI14.xml: a "ttest-xl" ribbon tab with the analysis and self-test buttons
    (callbacks TTXL_RibbonAnalyze / TTXL_RibbonSelfTest in vba/TTestXLAddin.bas).

The compound file writer and the compression are written here from the specifications
([MS-CFB] version 3: 512-byte sectors, a mini stream for streams under 4096 bytes, each
storage's children in a red-black tree; [MS-OVBA] 2.4.1.3 compression, 2.4.3 data encryption
for the CMG/DPB/GC project properties). scripts/check-xlam.py reads the result back with
independent readers (olefile, oletools' olevba, LibreOffice).

The output is deterministic: fixed project GUID, encryption seed and zip timestamps.
"""
import io
import os
import struct
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The project's standard modules: every vba/*.bas, TTestXL first (a module added to vba/ is in the
# add-in without a change here).
MODULES = sorted((f[:-4] for f in os.listdir(os.path.join(ROOT, "vba")) if f.endswith(".bas")),
                 key=lambda name: (name != "TTestXL", name))
PROJECT_NAME = "TTestXLProject"   # must differ from every module name
PROJECT_ID = "{6F1C2E4A-3B5D-4C7E-9A81-2D4F6B8C0E13}"   # fixed: deterministic output
CODE_PAGE = 1252                  # the .bas files are ASCII-only (scripts/vba_parse.py checks)
LCID = 0x0409
ENCRYPTION_SEED = 0x5A            # MS-OVBA 2.4.3.2: any byte

# ThisWorkbook: the workbook's document module (VB_Base is Excel's Workbook class). Its
# Workbook_Open runs whenever Excel opens the add-in, however it is opened.
THIS_WORKBOOK = (
    'Attribute VB_Name = "ThisWorkbook"\r\n'
    'Attribute VB_Base = "0{00020819-0000-0000-C000-000000000046}"\r\n'
    "Attribute VB_GlobalNameSpace = False\r\n"
    "Attribute VB_Creatable = False\r\n"
    "Attribute VB_PredeclaredId = True\r\n"
    "Attribute VB_Exposed = True\r\n"
    "Attribute VB_TemplateDerived = False\r\n"
    "Attribute VB_Customizable = True\r\n"
    "Option Explicit\r\n"
    "\r\n"
    "' The add-in was opened: register the worksheet functions' help (vba/TTestXLAddin.bas).\r\n"
    "Private Sub Workbook_Open()\r\n"
    "    TTXL_AddinOpen Me\r\n"
    "End Sub\r\n"
)
# Sheet1: an add-in still has one (hidden) worksheet, and each sheet has a document module.
SHEET1 = (
    'Attribute VB_Name = "Sheet1"\r\n'
    'Attribute VB_Base = "0{00020820-0000-0000-C000-000000000046}"\r\n'
    "Attribute VB_GlobalNameSpace = False\r\n"
    "Attribute VB_Creatable = False\r\n"
    "Attribute VB_PredeclaredId = True\r\n"
    "Attribute VB_Exposed = True\r\n"
    "Attribute VB_TemplateDerived = False\r\n"
    "Attribute VB_Customizable = True\r\n"
)

# References every Excel VBA project has (besides the implicit VBA and Excel libraries).
# TTestXL.bas needs the Office library (msoLanguageIDUI). Excel finds a library by its GUID and
# version in the registry; the path is informational.
REFERENCES = [
    ("stdole", r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb#OLE Automation"),
    ("Office", r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files"
               r"\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library"),
]


# ==== [MS-OVBA] 2.4.1 compression ===========================================================

def _copy_token_help(difference):
    """2.4.1.3.19.1 CopyToken Help: (bit count, maximum length) at `difference` bytes into a chunk."""
    bit_count = max((difference - 1).bit_length(), 4)
    return bit_count, (0xFFFF >> bit_count) + 3


def _compress_chunk(chunk, final):
    """2.4.1.3.7: one CompressedChunk (header + data) for up to 4096 decompressed bytes."""
    n = len(chunk)
    out = bytearray()
    heads = {}        # 3-byte prefix -> positions where it starts (most recent last)
    pos = 0

    def remember(p):
        if p + 3 <= n:
            heads.setdefault(bytes(chunk[p:p + 3]), []).append(p)

    while pos < n:
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= n:
                break
            best_len, best_off = 0, 0
            if pos > 0 and pos + 3 <= n:
                _, max_len = _copy_token_help(pos)
                limit = min(max_len, n - pos)
                for cand in reversed(heads.get(bytes(chunk[pos:pos + 3]), [])[-512:]):
                    length = 3
                    while length < limit and chunk[cand + length] == chunk[pos + length]:
                        length += 1
                    if length > best_len:
                        best_len, best_off = length, pos - cand
                        if length == limit:
                            break
            if best_len >= 3:
                bit_count, _ = _copy_token_help(pos)
                token = ((best_off - 1) << (16 - bit_count)) | (best_len - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
                for p in range(pos, pos + best_len):
                    remember(p)
                pos += best_len
            else:
                out.append(chunk[pos])
                remember(pos)
                pos += 1
        out[flag_at] = flags
    if len(out) > 4096:
        # 2.4.1.3.10: stored uncompressed, which needs exactly 4096 bytes of data.
        if n != 4096:
            raise ValueError("an incompressible final chunk cannot be stored raw without padding")
        return struct.pack("<H", 0x3FFF) + bytes(chunk)
    header = (len(out) + 2 - 3) | (0b011 << 12) | (1 << 15)
    return struct.pack("<H", header) + bytes(out)


def compress(data):
    """2.4.1.3.6 Compression: a CompressedContainer (signature byte 0x01 and chunks)."""
    data = bytes(data)
    out = bytearray([0x01])
    for start in range(0, len(data), 4096):
        out += _compress_chunk(data[start:start + 4096], start + 4096 >= len(data))
    return bytes(out)


# ==== [MS-OVBA] 2.4.3 data encryption (CMG, DPB, GC in the PROJECT stream) =================

def encrypt(data, project_id=PROJECT_ID, seed=ENCRYPTION_SEED):
    """2.4.3.2 Encryption: the hex string of Seed, VersionEnc, ProjKeyEnc, IgnoredEnc,
    DataLengthEnc and DataEnc."""
    version = 2
    proj_key = sum(project_id.encode("ascii")) & 0xFF
    version_enc = seed ^ version
    proj_key_enc = seed ^ proj_key
    out = bytearray([seed, version_enc, proj_key_enc])
    unencrypted_1, encrypted_1, encrypted_2 = proj_key, proj_key_enc, version_enc
    ignored = bytes([0x00] * ((seed & 6) // 2))   # any values; zero for a reproducible file
    for byte in ignored + struct.pack("<I", len(data)) + bytes(data):
        byte_enc = byte ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        out.append(byte_enc)
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, byte_enc, byte
    return out.hex().upper()


def decrypt(text, project_id=PROJECT_ID):
    """2.4.3.3 Decryption (used by the checks): returns the Data bytes."""
    buf = bytes.fromhex(text)
    seed, version_enc, proj_key_enc = buf[0], buf[1], buf[2]
    if seed ^ version_enc != 2:
        raise ValueError("encrypted data: version is not 2")
    proj_key = seed ^ proj_key_enc
    if proj_key != sum(project_id.encode("ascii")) & 0xFF:
        raise ValueError("encrypted data: project key does not match the project ID")
    unencrypted_1, encrypted_1, encrypted_2 = proj_key, proj_key_enc, version_enc
    plain = bytearray()
    for byte_enc in buf[3:]:
        byte = byte_enc ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        plain.append(byte)
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, byte_enc, byte
    plain = plain[(seed & 6) // 2:]
    length = struct.unpack("<I", plain[:4])[0]
    if length != len(plain) - 4:
        raise ValueError("encrypted data: length field does not match")
    return bytes(plain[4:])


# ==== [MS-OVBA] 2.3 the streams of the VBA project ==========================================

def mbcs(text):
    return text.encode("cp1252")


def utf16(text):
    return text.encode("utf-16-le")


def rec(record_id, payload):
    """A record with a 4-byte size field."""
    return struct.pack("<HI", record_id, len(payload)) + payload


def dir_stream(modules):
    """2.3.4.2 dir stream (uncompressed): PROJECTINFORMATION, PROJECTREFERENCES, PROJECTMODULES.

    `modules` is [(name, is_document_module)] in the order they are recorded."""
    d = bytearray()
    # 2.3.4.2.1 PROJECTINFORMATION
    d += rec(0x0001, struct.pack("<I", 1))                    # PROJECTSYSKIND: 32-bit Windows
    d += rec(0x0002, struct.pack("<I", LCID))                 # PROJECTLCID
    d += rec(0x0014, struct.pack("<I", LCID))                 # PROJECTLCIDINVOKE
    d += rec(0x0003, struct.pack("<H", CODE_PAGE))            # PROJECTCODEPAGE
    d += rec(0x0004, mbcs(PROJECT_NAME))                      # PROJECTNAME
    d += rec(0x0005, b"") + rec(0x0040, b"")                  # PROJECTDOCSTRING (+ Unicode)
    d += rec(0x0006, b"") + rec(0x003D, b"")                  # PROJECTHELPFILEPATH (1, 2)
    d += rec(0x0007, struct.pack("<I", 0))                    # PROJECTHELPCONTEXT
    d += rec(0x0008, struct.pack("<I", 0))                    # PROJECTLIBFLAGS
    # PROJECTVERSION: Reserved (4, the size of VersionMajor) then VersionMajor (4) and
    # VersionMinor (2): 6 bytes of payload after a size field that says 4.
    d += struct.pack("<HIIH", 0x0009, 4, 1, 0)
    d += rec(0x000C, b"") + rec(0x003C, b"")                  # PROJECTCONSTANTS (+ Unicode)
    # 2.3.4.2.2 PROJECTREFERENCES: REFERENCENAME + REFERENCEREGISTERED each
    for name, libid in REFERENCES:
        d += rec(0x0016, mbcs(name)) + rec(0x003E, utf16(name))
        registered = struct.pack("<I", len(mbcs(libid))) + mbcs(libid) + struct.pack("<IH", 0, 0)
        d += rec(0x000D, registered)
    # 2.3.4.2.3 PROJECTMODULES
    d += rec(0x000F, struct.pack("<H", len(modules)))         # PROJECTMODULES: Count
    d += rec(0x0013, struct.pack("<H", 0xFFFF))               # PROJECTCOOKIE
    for name, is_document in modules:
        d += rec(0x0019, mbcs(name))                          # MODULENAME
        d += rec(0x0047, utf16(name))                         # MODULENAMEUNICODE
        d += rec(0x001A, mbcs(name)) + rec(0x0032, utf16(name))   # MODULESTREAMNAME (+ Unicode)
        d += rec(0x001C, b"") + rec(0x0048, b"")              # MODULEDOCSTRING (+ Unicode)
        d += rec(0x0031, struct.pack("<I", 0))                # MODULEOFFSET: source at offset 0
        d += rec(0x001E, struct.pack("<I", 0))                # MODULEHELPCONTEXT
        d += rec(0x002C, struct.pack("<H", 0xFFFF))           # MODULECOOKIE
        d += rec(0x0022 if is_document else 0x0021, b"")      # MODULETYPE: document / procedural
        d += rec(0x002B, b"")                                 # module Terminator
    d += rec(0x0010, b"")                                     # dir Terminator
    return bytes(d)


def project_stream(modules):
    """2.3.1 PROJECT stream: the project properties as text, CRLF lines."""
    lines = ['ID="%s"' % PROJECT_ID]
    for name, is_document in modules:
        lines.append(("Document=%s/&H00000000" % name) if is_document else ("Module=%s" % name))
    lines += [
        'Name="%s"' % PROJECT_NAME,
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        'CMG="%s"' % encrypt(struct.pack("<I", 0)),   # ProjectProtectionState: not protected
        'DPB="%s"' % encrypt(b"\x00"),                # ProjectPassword: none
        'GC="%s"' % encrypt(b"\xFF"),                 # ProjectVisibilityState: visible
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
        "[Workspace]",
    ]
    for name, _ in modules:
        lines.append("%s=0, 0, 0, 0, C" % name)
    return mbcs("\r\n".join(lines) + "\r\n")


def projectwm_stream(modules):
    """2.3.3 PROJECTwm: each module name in MBCS and UTF-16, NUL-terminated, then a terminator."""
    out = bytearray()
    for name, _ in modules:
        out += mbcs(name) + b"\x00" + utf16(name) + b"\x00\x00"
    return bytes(out + b"\x00\x00")


# ==== [MS-CFB] compound file, version 3 =====================================================

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT, ENDOFCHAIN, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


class Entry:
    def __init__(self, name, kind, data=b""):
        if len(name) > 31:
            raise ValueError("compound file names have at most 31 characters: " + name)
        self.name, self.kind, self.data = name, kind, data   # kind: 1 storage, 2 stream, 5 root
        self.children = []
        self.left = self.right = self.child = NOSTREAM
        self.black = True
        self.start, self.size = 0, 0
        self.sid = None


def _cfb_key(entry):
    """2.6.4: shorter names first, then by upper-cased UTF-16 code units."""
    return (len(entry.name), [ord(c) for c in entry.name.upper()])


def _tree(children):
    """Each storage's children as a red-black tree: a balanced binary search tree (every level
    but the deepest full) with the deepest level red, so every path has the same number of
    black nodes and no red node has a red child. Returns the root's stream ID."""
    items = sorted(children, key=_cfb_key)
    depth = {}

    def build(lo, hi, level):
        if lo >= hi:
            return NOSTREAM
        mid = (lo + hi) // 2
        node = items[mid]
        depth[id(node)] = level
        node.left = build(lo, mid, level + 1)
        node.right = build(mid + 1, hi, level + 1)
        return node.sid

    root = build(0, len(items), 0)
    deepest = max(depth.values(), default=0)
    for node in items:
        node.black = not (deepest > 0 and depth[id(node)] == deepest)
    return root


def _check_red_black(entries, root_sid):
    """Asserts the red-black properties of one storage's tree (a bug here is a corrupt file)."""
    def walk(sid, parent_red):
        if sid == NOSTREAM:
            return 1
        e = entries[sid]
        if parent_red and not e.black:
            raise AssertionError("red-black tree: a red node has a red child")
        left, right = walk(e.left, not e.black), walk(e.right, not e.black)
        if left != right:
            raise AssertionError("red-black tree: black heights differ")
        return left + (1 if e.black else 0)
    if root_sid != NOSTREAM and not entries[root_sid].black:
        raise AssertionError("red-black tree: the root is red")
    walk(root_sid, False)


def write_cfb(root):
    """Serialises a tree of Entry objects (root: kind 5) into compound file bytes."""
    entries = []

    def number(e):
        e.sid = len(entries)
        entries.append(e)
        for c in e.children:
            number(c)
    number(root)
    for e in entries:
        if e.kind in (1, 5):
            e.child = _tree(e.children)
            _check_red_black(entries, e.child)

    streams = [e for e in entries if e.kind == 2]
    small = [e for e in streams if len(e.data) < MINI_CUTOFF]
    large = [e for e in streams if len(e.data) >= MINI_CUTOFF]

    # The mini stream and its allocation table (MiniFAT).
    mini = bytearray()
    minifat = []
    for e in small:
        e.size = len(e.data)
        if e.size == 0:
            e.start = ENDOFCHAIN
            continue
        first = len(mini) // MINI_SECTOR
        count = -(-e.size // MINI_SECTOR)
        e.start = first
        minifat += [first + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
        mini += e.data + b"\x00" * (count * MINI_SECTOR - e.size)

    def sectors(nbytes):
        return -(-nbytes // SECTOR)

    n_dir = sectors(len(entries) * 128)
    n_minifat = sectors(len(minifat) * 4)
    n_mini = sectors(len(mini))
    n_large = sum(sectors(len(e.data)) for e in large)
    n_fat = 1
    while n_fat * (SECTOR // 4) < n_fat + n_dir + n_minifat + n_mini + n_large:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("more than 109 FAT sectors would need DIFAT sectors (not implemented)")

    fat = [FATSECT] * n_fat
    body = bytearray()

    def place(data, count):
        start = len(fat)
        fat.extend([start + i + 1 for i in range(count - 1)] + [ENDOFCHAIN])
        body.extend(data + b"\x00" * (count * SECTOR - len(data)))
        return start

    # Directory entries are serialised after the start sectors are known; reserve their place.
    dir_start = len(fat)
    fat.extend([dir_start + i + 1 for i in range(n_dir - 1)] + [ENDOFCHAIN])
    body.extend(b"\x00" * (n_dir * SECTOR))
    minifat_start = place(b"".join(struct.pack("<I", x) for x in minifat), n_minifat) if n_minifat else ENDOFCHAIN
    root.start = place(bytes(mini), n_mini) if n_mini else ENDOFCHAIN
    root.size = len(mini)
    for e in large:
        e.size = len(e.data)
        e.start = place(e.data, sectors(e.size))
    fat.extend([FREESECT] * (n_fat * (SECTOR // 4) - len(fat)))

    directory = bytearray()
    for e in entries:
        name = utf16(e.name) + b"\x00\x00"
        directory += name + b"\x00" * (64 - len(name))
        directory += struct.pack("<HBB", len(name), e.kind, 1 if e.black else 0)
        directory += struct.pack("<III", e.left, e.right, e.child)
        directory += b"\x00" * 16 + struct.pack("<I", 0) + b"\x00" * 16   # CLSID, state, times
        start = e.start if e.kind in (2, 5) else 0
        directory += struct.pack("<IQ", start, e.size if e.kind in (2, 5) else 0)
    while len(directory) < n_dir * SECTOR:   # free entries: zero, siblings/child NOSTREAM
        directory += b"\x00" * 68 + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + b"\x00" * 48
    body[(dir_start - n_fat) * SECTOR:(dir_start - n_fat + n_dir) * SECTOR] = directory

    header = bytearray()
    header += bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16
    header += struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, MINI_CUTOFF, minifat_start,
                          n_minifat, ENDOFCHAIN, 0)
    difat = list(range(n_fat)) + [FREESECT] * (109 - n_fat)
    header += b"".join(struct.pack("<I", x) for x in difat)
    assert len(header) == SECTOR
    fat_bytes = b"".join(struct.pack("<I", x) for x in fat)
    return bytes(header) + fat_bytes + bytes(body)


def vba_project_bin(module_sources):
    """module_sources: [(name, source bytes, is_document_module)] -> vbaProject.bin bytes."""
    modules = [(name, is_document) for name, _, is_document in module_sources]
    root = Entry("Root Entry", 5)
    vba = Entry("VBA", 1)
    # 2.3.4.1 _VBA_PROJECT: Reserved1 0x61CC, Version 0xFFFF (Excel recompiles from source),
    # Reserved2 0x00, Reserved3 (any 2 bytes), and no PerformanceCache.
    vba.children.append(Entry("_VBA_PROJECT", 2, struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0000)))
    vba.children.append(Entry("dir", 2, compress(dir_stream(modules))))
    for name, source, _ in module_sources:
        vba.children.append(Entry(name, 2, compress(source)))
    root.children = [vba, Entry("PROJECT", 2, project_stream(modules)),
                     Entry("PROJECTwm", 2, projectwm_stream(modules))]
    return write_cfb(root)


# ==== the OOXML package =====================================================================

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.addin.macroEnabled.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>
"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
<Relationship Id="rId4" Type="http://schemas.microsoft.com/office/2007/relationships/ui/extensibility" Target="customUI/customUI14.xml"/>
</Relationships>
"""

WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<workbookPr codeName="ThisWorkbook"/>
<bookViews><workbookView/></bookViews>
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>
</workbook>
"""

WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>
</Relationships>
"""

SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetPr codeName="Sheet1"/>
<dimension ref="A1"/>
<sheetData/>
</worksheet>
"""

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>
"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>ttest-xl {version}</dc:title>
<dc:description>t-tests, effect sizes, rank tests and power for Excel (ttest_xl.dll). t 検定・効果量・順位検定・検出力の Excel アドイン。</dc:description>
<dc:creator>ttest-xl</dc:creator>
</cp:coreProperties>
"""

APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>Microsoft Excel</Application>
</Properties>
"""

# The ribbon: labels in Japanese and English (a ribbon label cannot follow the UI language
# without a getLabel callback, which would show nothing while macros are disabled).
CUSTOM_UI = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui">
  <ribbon>
    <tabs>
      <tab id="ttxlTab" label="ttest-xl">
        <group id="ttxlGroup" label="前後比較 / Before-after">
          <button id="ttxlAnalyze" size="large" imageMso="FunctionWizard"
                  label="選択範囲を分析 / Analyze selection"
                  screentip="選択範囲を分析 / Analyze selection"
                  supertip="選択した事前・事後の表を t 検定で分析し、結果を新しいシートに書き出します。&#10;Runs the t-tests on the selected before/after table and writes the results to a new sheet."
                  onAction="TTXL_RibbonAnalyze"/>
          <button id="ttxlSelfTest" size="normal" imageMso="HappyFace"
                  label="自己テスト / Self-test"
                  screentip="自己テスト / Self-test"
                  supertip="すべての関数を R の値と照合し、「N passed, M failed」を表示します。&#10;Checks every function against R's values and reports N passed, M failed."
                  onAction="TTXL_RibbonSelfTest"/>
        </group>
      </tab>
    </tabs>
  </ribbon>
</customUI>
"""


def read_module(name):
    path = os.path.join(ROOT, "vba", name + ".bas")
    with open(path, "rb") as f:
        source = f.read()
    first = source.split(b"\r\n", 1)[0]
    if first != b'Attribute VB_Name = "%s"' % name.encode():
        sys.exit("build-xlam: %s must start with Attribute VB_Name = \"%s\" (CRLF lines)" % (path, name))
    try:
        source.decode("ascii")
    except UnicodeDecodeError:
        sys.exit("build-xlam: %s is not ASCII-only (the project's code page is %d)" % (path, CODE_PAGE))
    return source


def module_sources():
    """The project's modules in the order of the dir stream: standard modules, then the
    workbook's, then the sheet's (the order Excel writes)."""
    if PROJECT_NAME.lower() in (m.lower() for m in MODULES + ["ThisWorkbook", "Sheet1"]):
        sys.exit("build-xlam: a module is named like the project (%s): VBA would not compile it" % PROJECT_NAME)
    mods = [(name, read_module(name), False) for name in MODULES]
    mods.append(("ThisWorkbook", THIS_WORKBOOK.encode("ascii"), True))
    mods.append(("Sheet1", SHEET1.encode("ascii"), True))
    return mods


def build(out_path):
    with open(os.path.join(ROOT, "Cargo.toml"), encoding="utf-8") as f:
        version = next(line.split('"')[1] for line in f if line.startswith("version"))
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/app.xml", APP),
        ("docProps/core.xml", CORE.format(version=version)),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", SHEET),
        ("xl/styles.xml", STYLES),
        ("xl/vbaProject.bin", vba_project_bin(module_sources())),
        ("customUI/customUI14.xml", CUSTOM_UI),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    tmp = out_path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(buf.getvalue())
    os.replace(tmp, out_path)
    print("build-xlam: wrote %s (%d bytes; modules %s)" % (
        out_path, len(buf.getvalue()), ", ".join(n for n, _, _ in module_sources())))


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    build(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
