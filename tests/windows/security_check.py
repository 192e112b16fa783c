#!/usr/bin/env python3
"""Checks the claims of SECURITY-STATEMENT.md / SECURITY-STATEMENT.ja.md (run by
scripts/windows-check.sh; each claim is one or more PASS/FAIL lines, then "N passed, M failed").

    security_check.py OBJDUMP DLL64 DLL32 EXE LINUX_CLI

  OBJDUMP     x86_64-w64-mingw32-objdump (reads both PE32 and PE32+)
  DLL64/32    the two ttest_xl.dll builds; EXE the Windows ttest-xl.exe
  LINUX_CLI   a Linux build of ttest-xl (same source), run under strace

1. no network: no network code in src/ or among the dependencies (Cargo.lock), none in the
   VBA; `ttest-xl analyze` under strace makes no socket system call;
2. no registry: no registry function in the import table of either DLL or the exe; no registry
   statement in the VBA;
4. no writes outside the chosen output: the VBA declares only the Windows functions the
   statement lists and has no file statements; under strace, every file `ttest-xl analyze`
   opens for writing, renames, links or removes is in the output's folder;
5. no other programs: no process launching in src/, no Shell in the VBA;
6. only Windows' own DLLs: each binary imports only the DLLs the statement lists.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The DLLs SECURITY-STATEMENT*.md names (claim 6). If a build imports another one, the statement
# must be updated with it (and this list).
STATEMENT_DLLS = {"kernel32.dll", "ntdll.dll", "bcryptprimitives.dll", "msvcrt.dll", "userenv.dll",
                  "ws2_32.dll"}
STATEMENT_DLL_PREFIXES = ("api-ms-win-core-synch-",)
# The Windows functions the VBA may declare (claim 4), as the statement lists them.
VBA_DECLARES = {("kernel32", "LoadLibraryW"), ("kernel32", "FreeLibrary"),
                ("kernel32", "GetFileAttributesW"), ("kernel32", "MultiByteToWideChar"),
                ("user32", "MessageBoxW")}
REGISTRY_IMPORT = re.compile(r"^(Reg[A-Z]\w*|Nt(Open|Create|Delete|Set|Query|Enum)\w*Key\w*|"
                             r"Zw\w*Key\w*|SHGetValue\w*|SHSetValue\w*|SHReg\w*)$")
NETWORK_CRATES = {"reqwest", "ureq", "hyper", "curl", "isahc", "attohttpc", "surf", "tokio",
                  "async-std", "socket2", "mio", "native-tls", "rustls", "openssl"}
VBA_FORBIDDEN = [
    (r"\bCreateObject\b|\bGetObject\b", "COM object creation (CreateObject/GetObject)"),
    (r"WinHttp|XMLHTTP|URLDownloadToFile|InternetOpen|Winsock", "network access"),
    (r"\b(GetSetting|SaveSetting|DeleteSetting|GetAllSettings)\b|RegRead|RegWrite|WScript", "registry access"),
    (r"\bShell\b|ShellExecute", "starting programs (Shell)"),
    (r"\bOpen\b[^\n]*\bFor\b\s+(Output|Append|Binary|Random)|\bKill\b|\bFileCopy\b|\bMkDir\b|"
     r"\bRmDir\b|\bName\b\s+\S+\s+As\b|\.SaveAs\b|\.SaveCopyAs\b|\bPrint\s*#|\bPut\s*#",
     "writing files"),
]

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print(("PASS " if ok else "FAIL ") + what)
    return ok


def imports(objdump, binary):
    """{dll name (lower case): [function, ...]} from the PE import table."""
    out = subprocess.run([objdump, "-p", binary], check=True, capture_output=True, text=True).stdout
    table, current = {}, None
    for line in out.splitlines():
        m = re.match(r"\s*DLL Name:\s*(\S+)", line)
        if m:
            current = table.setdefault(m.group(1).lower(), [])
            continue
        m = re.match(r"\s*[0-9a-f]+\s+\d+\s+(\S+)\s*$", line)
        if m and current is not None:
            current.append(m.group(1))
        if line.startswith("The Export Tables") or line.startswith("PE File Base Relocations"):
            current = None
    return table


def vba_code(path, keep_strings=True):
    """The module's code lines without comments (a ' outside a string starts one); without the
    strings' contents too unless keep_strings (a message may say "Kill" or "Shell")."""
    lines = []
    with open(path, encoding="ascii") as f:
        for line in f:
            out, in_string = [], False
            for ch in line.rstrip("\r\n"):
                if ch == '"':
                    in_string = not in_string
                elif ch == "'" and not in_string:
                    break
                elif in_string and not keep_strings:
                    continue
                out.append(ch)
            lines.append("".join(out))
    return "\n".join(lines)


def rust_sources():
    # The library (src/) and the command-line tool (cli/src/) of the workspace.
    for top in ("src", os.path.join("cli", "src")):
        for d, _, files in os.walk(os.path.join(ROOT, top)):
            for f in files:
                if f.endswith(".rs"):
                    p = os.path.join(d, f)
                    with open(p, encoding="utf-8") as fh:
                        yield os.path.relpath(p, ROOT), fh.read()


def check_binaries(objdump, binaries):
    for label, path in binaries:
        table = imports(objdump, path)
        if not check(bool(table), "%s: import table read (%d DLLs)" % (label, len(table))):
            continue
        registry = sorted(f for fns in table.values() for f in fns if REGISTRY_IMPORT.match(f))
        check(not registry, "%s imports no registry function%s" % (label, ": " + ", ".join(registry) if registry else ""))
        extra = sorted(d for d in table if d not in STATEMENT_DLLS and not d.startswith(STATEMENT_DLL_PREFIXES))
        check(not extra, "%s imports only the DLLs the statement lists%s" % (
            label, "" if not extra else " (also: %s; update SECURITY-STATEMENT*.md)" % ", ".join(extra)))


def check_sources():
    net, proc = [], []
    for rel, text in rust_sources():
        if re.search(r"\bstd::net\b|\bTcpStream\b|\bUdpSocket\b|\bTcpListener\b", text):
            net.append(rel)
        if re.search(r"\bstd::process::Command\b|\bprocess::Command\b|\bCommand::new\b", text):
            proc.append(rel)
    check(not net, "src/ has no network code%s" % (": " + ", ".join(net) if net else ""))
    check(not proc, "src/ starts no programs (std::process::Command)%s" % (": " + ", ".join(proc) if proc else ""))
    with open(os.path.join(ROOT, "Cargo.lock"), encoding="utf-8") as f:
        crates = set(re.findall(r'^name = "([^"]+)"', f.read(), re.M))
    found = sorted(crates & NETWORK_CRATES)
    check(not found, "no network crate among the dependencies (Cargo.lock)%s" % (": " + ", ".join(found) if found else ""))

    for name in ("TTestXL", "TTestXLAddin"):
        path = os.path.join(ROOT, "vba", name + ".bas")
        code = vba_code(path)
        bare = vba_code(path, keep_strings=False)
        for pattern, what in VBA_FORBIDDEN:
            hits = [l.strip() for l in bare.split("\n") if re.search(pattern, l, re.I)]
            check(not hits, "vba/%s.bas: no %s%s" % (name, what, ": " + hits[0][:100] if hits else ""))
        joined = re.sub(r"\s+_\n", " ", code)
        declares = set()
        for m in re.finditer(r'\bDeclare\s+(?:PtrSafe\s+)?(?:Function|Sub)\s+(\w+)\s+Lib\s+"([^"]+)"(?:\s+Alias\s+"([^"]+)")?',
                             joined, re.I):
            lib = m.group(2).lower()
            if lib != "ttest_xl.dll":
                declares.add((lib.replace(".dll", ""), m.group(3) or m.group(1)))
        if name == "TTestXL":
            # the module must have its LoadLibraryW declare: a pattern that finds nothing proves nothing
            check(("kernel32", "LoadLibraryW") in declares,
                  "vba/TTestXL.bas: its Windows declares are found (%d: %s)" % (
                      len(declares), ", ".join(sorted(f for _, f in declares))))
        unexpected = sorted(declares - VBA_DECLARES)
        check(not unexpected, "vba/%s.bas declares only the Windows functions the statement lists%s" % (
            name, ": also " + ", ".join("%s!%s" % d for d in unexpected) if unexpected else ""))


def check_cli_run(cli):
    strace = shutil.which("strace")
    if not check(strace is not None and os.path.exists(cli),
                 "strace (apt-get install strace) and a Linux ttest-xl (%s) are there" % cli):
        return
    work = tempfile.mkdtemp(prefix="ttxl-security-")
    try:
        os.makedirs(os.path.join(work, "in"))
        os.makedirs(os.path.join(work, "out"))
        shutil.copy(os.path.join(ROOT, "examples", "staff_survey.xlsx"), os.path.join(work, "in"))
        trace = os.path.join(work, "trace")
        run = subprocess.run(
            [strace, "-f", "-qq", "-o", trace, "-e",
             "trace=%network,openat,open,creat,rename,renameat,renameat2,link,linkat,unlink,unlinkat,"
             "mkdir,mkdirat,symlink,symlinkat,truncate",
             os.path.abspath(cli), "analyze", "in/staff_survey.xlsx", "-o", "out/results.xlsx",
             "--json", "out/results.json", "--lang", "en"],
            cwd=work, capture_output=True, text=True)
        if not check(run.returncode == 0 and os.path.exists(os.path.join(work, "out", "results.xlsx")),
                     "ttest-xl analyze ran under strace (exit status %d)" % run.returncode):
            print(run.stdout[-2000:], run.stderr[-2000:])
            return
        with open(trace, encoding="utf-8", errors="replace") as f:
            calls = [re.sub(r"^\d+\s+", "", l.rstrip("\n")) for l in f]
        sockets = [c for c in calls if re.match(r"(socket|connect|bind|listen|accept|sendto|sendmsg|recvfrom|recvmsg)\(", c)]
        check(not sockets, "ttest-xl analyze makes no socket system call%s" % (": " + sockets[0] if sockets else ""))
        writes = []
        for c in calls:
            if re.search(r"= -1 E", c):
                continue   # failed calls changed nothing
            m = re.match(r"(openat|open|creat)\((?:AT_FDCWD, )?\"([^\"]*)\"(, ([A-Z_|]+))?", c)
            if m:
                if m.group(1) == "creat" or re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", m.group(4) or ""):
                    writes.append(m.group(2))
                continue
            m = re.match(r"(rename|renameat2?|link|linkat|unlink|unlinkat|mkdir|mkdirat|symlink|symlinkat|truncate)\((.*)\)", c)
            if m:
                writes += re.findall(r"\"([^\"]*)\"", m.group(2))
        outside = sorted({w for w in writes if os.path.dirname(os.path.normpath(w)) != "out"})
        check(writes and not outside,
              "every file ttest-xl analyze writes, renames, links or removes is in the output's folder "
              "(%d operations%s)" % (len(writes), "; outside: " + ", ".join(outside) if outside else ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv):
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    objdump, dll64, dll32, exe, cli = argv[1:]
    check_binaries(objdump, [("x64/ttest_xl.dll", dll64), ("x86/ttest_xl.dll", dll32), ("ttest-xl.exe", exe)])
    check_sources()
    check_cli_run(cli)
    print("security statement: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
