#!/usr/bin/env python3
"""Check a Windows build of ttest_xl.dll against include/ttest_xl.h.

Used by scripts/windows-check.sh; reads only the outputs of mingw's objdump, so it runs on Linux.

    abi_check.py names   HEADER              print every function the header declares
    abi_check.py slots   HEADER              print TTXL_SLOTS(name, 32-bit argument slots,
                                             returns a double) per function (32-bit harness)
    abi_check.py imports EXE_OR_DLL OBJDUMP  only the import allow-list (used for ttest-xl.exe)
    abi_check.py dll     HEADER DLL ARCH OBJDUMP
                                             ARCH is x64 or x86; checks exports, imports and, for x86,
                                             the calling convention of every export

What `dll` checks (each failure is printed as a FAIL line; exit status 1 if any):

* exports: exactly the header's `ttxl_*` functions, undecorated (no `_` prefix, no `@N` suffix);
  on x86 also `<name>_stdcall` for every header function, and nothing else;
* imports: only DLLs that ship with Windows 10 and later (ALLOWED_IMPORTS below); in particular no
  libgcc_s*, libwinpthread*, libstdc++* from the mingw toolchain;
* x86 calling convention: each `<name>_stdcall` returns with `ret $N`, N = 4 x the 32-bit argument
  slots of its parameters (a double is two slots), and each plain export returns with a bare `ret`
  (cdecl: the caller pops). The function body is located by its export RVA, not by symbol name.
"""
import re
import subprocess
import sys

# DLLs a Windows 10+ installation always has. The Rust standard library (windows-gnu) imports
# KERNEL32, ntdll, bcryptprimitives (ProcessPrng, Windows 10+), msvcrt (the C runtime mingw-w64
# targets by default; part of every Windows since 95), api-ms-win-core-* API sets (Windows 8+),
# and, if the code pulls in process/network/env support, USERENV, WS2_32, ADVAPI32, bcrypt.
ALLOWED_IMPORTS = {
    "kernel32.dll",
    "ntdll.dll",
    "bcryptprimitives.dll",
    "bcrypt.dll",
    "msvcrt.dll",
    "ucrtbase.dll",
    "advapi32.dll",
    "userenv.dll",
    "ws2_32.dll",
    "shell32.dll",
    "ole32.dll",
    "oleaut32.dll",
    "user32.dll",
}
ALLOWED_IMPORT_PREFIXES = ("api-ms-win-core-", "api-ms-win-crt-")
# Named so that the message is explicit when the mingw runtime leaks in.
FORBIDDEN_IMPORT_PREFIXES = ("libgcc", "libwinpthread", "libstdc++", "libssp", "libatomic")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def header_functions(path):
    """Return [(name, [param, ...], return type)] for every `ttxl_*` function declared in the header."""
    with open(path, encoding="utf-8") as f:
        text = strip_comments(f.read())
    # Drop preprocessor lines (#define TTXL_..., #include, #if ...), joining continuations first.
    text = re.sub(r"\\\n", " ", text)
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    funcs = []
    for m in re.finditer(r"([A-Za-z0-9_ \t\n*]*?)\b(ttxl_[A-Za-z0-9_]+)\s*\(([^()]*)\)\s*;", text):
        params = [p.strip() for p in m.group(3).split(",")]
        if params == ["void"] or params == [""]:
            params = []
        funcs.append((m.group(2), params, " ".join(m.group(1).split())))
    names = [n for n, _, _ in funcs]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        sys.exit(f"abi_check: functions declared twice in {path}: {sorted(dupes)}")
    if not funcs:
        sys.exit(f"abi_check: no ttxl_* function declarations found in {path}")
    return funcs


def slots_x86(param):
    """Number of 4-byte stack slots a parameter takes on i686 (stdcall/cdecl)."""
    if "*" in param:
        return 1
    words = re.sub(r"\b[A-Za-z_][A-Za-z0-9_]*$", "", param).split()  # drop the parameter name
    words = [w for w in words if w not in ("const", "volatile", "struct", "enum", "unsigned", "signed")]
    t = " ".join(words) if words else "int"
    if t in ("double", "int64_t", "uint64_t", "long long"):
        return 2
    if t in ("int32_t", "uint32_t", "int", "long", "float", "uint16_t", "int16_t", "uint8_t",
             "int8_t", "char", "short", "bool", "_Bool", "size_t", "intptr_t", "uintptr_t"):
        return 1
    sys.exit(f"abi_check: unknown parameter type {param!r}: teach slots_x86 about it")


def objdump(objdump_bin, *args):
    return subprocess.run([objdump_bin, *args], check=True, capture_output=True, text=True).stdout


def parse_pe(objdump_bin, dll):
    """Return (image_base, imports, {export_name: rva})."""
    out = objdump(objdump_bin, "-p", dll)
    image_base = int(re.search(r"^ImageBase\s+([0-9a-fA-F]+)", out, re.M).group(1), 16)
    imports = re.findall(r"DLL Name:\s*(\S+)", out)
    # Export Address Table: "[   0] +base[   1] 357e0 Export RVA"
    rvas = {}
    m = re.search(r"Export Address Table -- Ordinal Base (\d+)\n(.*?)\n\s*\n", out, re.S)
    if m:
        for line in m.group(2).splitlines():
            mm = re.match(r"\s*\[\s*(\d+)\]\s+\+base\[\s*(\d+)\]\s+([0-9a-fA-F]+)\s+Export RVA", line)
            if mm:
                rvas[int(mm.group(1))] = int(mm.group(3), 16)
    # Ordinal/Name Pointer table: "[   0] ttxl_nan" (index into the address table)
    exports = {}
    m = re.search(r"\[Ordinal/Name Pointer\] Table\n(.*?)(?:\n\s*\n|\Z)", out, re.S)
    if m:
        for line in m.group(1).splitlines():
            mm = re.match(r"\s*\[\s*(\d+)\]\s+(\S+)\s*$", line)
            if mm:
                exports[mm.group(2)] = rvas.get(int(mm.group(1)))
    return image_base, imports, exports


def parse_disassembly(objdump_bin, dll):
    """Return {start_address: [(address, instruction text), ...]} per labelled block."""
    blocks = {}
    current = None
    for line in objdump(objdump_bin, "-d", "--no-show-raw-insn", dll).splitlines():
        m = re.match(r"^([0-9a-f]+) <(.*)>:$", line)
        if m:
            current = blocks.setdefault(int(m.group(1), 16), [])
            continue
        m = re.match(r"^\s*([0-9a-f]+):\s+(.*)$", line)
        if m and current is not None:
            current.append((int(m.group(1), 16), m.group(2).strip()))
    return blocks


def returns(blocks, start, depth=0):
    """Return the set of ret instructions ('ret' or 'ret $0x..') reachable as the function's exits.

    A function whose body ends in a tail call (`jmp <other function>`) is followed into the target,
    up to three hops."""
    body = blocks.get(start)
    if body is None:
        return None
    rets = set()
    for _, ins in body:
        if re.match(r"^ret[lq]?\b", ins):
            rets.add(re.sub(r"\s+", " ", ins))
    if not rets and depth < 3:
        jumps = [ins for _, ins in body if ins.startswith("jmp")]
        m = re.match(r"^jmp\s+([0-9a-f]+)\b", jumps[-1]) if jumps else None
        if m and int(m.group(1), 16) in blocks:
            return returns(blocks, int(m.group(1), 16), depth + 1)
    return rets


def check_imports(imports, label, fail):
    for name in imports:
        low = name.lower()
        if low.startswith(FORBIDDEN_IMPORT_PREFIXES):
            fail(f"{label}: imports {name} (mingw runtime DLL: link it statically)")
        elif low not in ALLOWED_IMPORTS and not low.startswith(ALLOWED_IMPORT_PREFIXES):
            fail(f"{label}: imports {name}, which is not on the Windows 10+ allow-list")
    print(f"{label}: imports {len(imports)} DLLs: {', '.join(imports)}")


def check_dll(header, dll, arch, objdump_bin):
    funcs = header_functions(header)
    failures = []

    def fail(msg):
        failures.append(msg)
        print(f"FAIL {msg}")

    image_base, imports, exports = parse_pe(objdump_bin, dll)
    check_imports(imports, arch, fail)

    # Exports.
    expected = {n for n, _, _ in funcs}
    if arch == "x86":
        expected |= {n + "_stdcall" for n, _, _ in funcs}
    actual = set(exports)
    for name in sorted(expected - actual):
        fail(f"{arch}: {name} is declared in the header but not exported (undecorated)")
    for name in sorted(actual - expected):
        fail(f"{arch}: {name} is exported but is not a header function" +
             (" (or its _stdcall twin)" if arch == "x86" else ""))
    print(f"{arch}: {len(actual & expected)} of {len(expected)} expected exports present, "
          f"{len(actual - expected)} unexpected")

    # Calling convention (x86 only: x64 has one convention).
    if arch == "x86":
        blocks = parse_disassembly(objdump_bin, dll)
        checked = 0
        for name, params, _ in funcs:
            nbytes = 4 * sum(slots_x86(p) for p in params)
            for export, want in ((name, "ret"), (name + "_stdcall",
                                                 "ret" if nbytes == 0 else f"ret ${nbytes:#x}")):
                rva = exports.get(export)
                if rva is None:
                    continue  # already reported above
                rets = returns(blocks, image_base + rva)
                if rets is None:
                    fail(f"x86: {export}: no disassembly at its export address {image_base + rva:#x}")
                elif not rets:
                    fail(f"x86: {export}: no ret instruction found")
                elif rets != {want}:
                    fail(f"x86: {export}: returns with {sorted(rets)}, expected only '{want}' "
                         f"({nbytes} bytes of arguments)")
                else:
                    checked += 1
        print(f"x86: calling convention verified for {checked} exports "
              f"(C exports end in 'ret', _stdcall twins in 'ret $N')")

    return failures


def main(argv):
    if len(argv) >= 3 and argv[1] == "names":
        for name, _, _ in header_functions(argv[2]):
            print(name)
        return 0
    if len(argv) >= 3 and argv[1] == "slots":
        # For the 32-bit harness: 4-byte argument slots and whether the result comes back on the
        # x87 stack (a double).
        for name, params, ret in header_functions(argv[2]):
            if ret not in ("int32_t", "double", "const char *", "const char*"):
                sys.exit(f"abi_check: {name} returns {ret!r}: teach the slots mode about it")
            print(f"TTXL_SLOTS({name}, {sum(slots_x86(p) for p in params)}, {int(ret == 'double')})")
        return 0
    if len(argv) == 4 and argv[1] == "imports":
        failures = []
        check_imports(parse_pe(argv[3], argv[2])[1], argv[2], lambda m: (failures.append(m), print(f"FAIL {m}")))
        return 1 if failures else 0
    if len(argv) == 6 and argv[1] == "dll":
        _, _, header, dll, arch, objdump_bin = argv
        if arch not in ("x64", "x86"):
            sys.exit("ARCH must be x64 or x86")
        failures = check_dll(header, dll, arch, objdump_bin)
        print(f"{arch}: ABI check of {dll}: {'FAILED (' + str(len(failures)) + ')' if failures else 'ok'}")
        return 1 if failures else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
