#!/usr/bin/python3
"""Opens TTestXL.xlam in headless LibreOffice and reads its VBA modules back through UNO.

    /usr/bin/python3 tests/windows/xlam_libreoffice.py TTestXL.xlam

Needs LibreOffice (soffice) and its Python-UNO bridge (Debian: python3-uno, for the system
python3: hence /usr/bin/python3). LibreOffice's own VBA import (oox) parses vbaProject.bin: the
compound file, the dir stream, the decompression. LibreOffice has no file type for .xlam, so
the file is opened with its .xlsm filter (the same package; see main). The checks: the file loads as a spreadsheet;
its Basic library holds the modules TTestXL, TTestXLAddin, ThisWorkbook and Sheet1; the text of
each standard module is the .bas file without its `Attribute` lines (LibreOffice keeps those as
module properties and adds its own `Rem Attribute VBA_ModuleType=...` and `Option VBASupport 1`
lines, which are removed before comparing); ThisWorkbook holds Workbook_Open.

Prints PASS/FAIL lines and "N passed, M failed"; exit status 1 on a failure, 2 if LibreOffice
cannot be started (the caller decides whether that is a failure).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except ImportError:
    print("xlam_libreoffice: the Python-UNO bridge is missing (apt-get install python3-uno; "
          "run with /usr/bin/python3)")
    sys.exit(2)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print(("PASS " if ok else "FAIL ") + what)
    return ok


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def lo_text(code):
    """A module's text as LibreOffice shows it, without the lines LibreOffice adds."""
    lines = code.replace("\r\n", "\n").split("\n")
    lines = [l for l in lines if not l.startswith("Rem Attribute VBA_ModuleType=")
             and l != "Option VBASupport 1" and l != "Option ClassModule"]
    return "\n".join(lines).strip("\n")


def bas_text(path):
    with open(path, encoding="ascii", newline="") as f:
        lines = f.read().split("\r\n")
    return "\n".join(l for l in lines if not l.startswith("Attribute ")).strip("\n")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    xlam = os.path.abspath(argv[1])
    soffice = shutil.which("soffice")
    if soffice is None:
        print("xlam_libreoffice: soffice not found (apt-get install libreoffice-calc-nogui)")
        return 2
    work = tempfile.mkdtemp(prefix="ttxl-xlam-lo-")
    pipe = "ttxl_xlam_%d" % os.getpid()
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.join(work, "profile")),
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except NoConnectException:
                if proc.poll() is not None:
                    break
                time.sleep(0.5)
        if ctx is None:
            print("xlam_libreoffice: could not connect to soffice")
            return 2
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        # LibreOffice (7.4) has no file type for .xlam: its type detection does not know the
        # add-in content type and returns nothing. Its .xlsm import filter reads the same package
        # (workbook, vbaProject.bin) and does not look at the content type, so it is named here.
        args = (prop("Hidden", True), prop("FilterName", "Calc MS Excel 2007 VBA XML"))
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(xlam), "_blank", 0, args)
        if not check(doc is not None, "LibreOffice opens %s" % os.path.basename(xlam)):
            return 1
        check(doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"),
              "it opens as a spreadsheet document")
        libraries = doc.BasicLibraries
        names = list(libraries.getElementNames())
        print("Basic libraries: %s" % names)
        project = "TTestXLProject"
        if check(project in names, "the VBA project %s became a Basic library" % project):
            libraries.loadLibrary(project)
            lib = libraries.getByName(project)
            modules = sorted(lib.getElementNames())
            standard = sorted(f[:-4] for f in os.listdir(os.path.join(ROOT, "vba")) if f.endswith(".bas"))
            check(modules == sorted(standard + ["ThisWorkbook", "Sheet1"]),
                  "its modules are %s, ThisWorkbook, Sheet1: %s" % (", ".join(standard), modules))
            for name in standard:
                if name in modules:
                    got = lo_text(lib.getByName(name))
                    want = bas_text(os.path.join(ROOT, "vba", name + ".bas"))
                    same = got == want
                    if not same:
                        g, w = got.split("\n"), want.split("\n")
                        first = next((i for i in range(min(len(g), len(w))) if g[i] != w[i]), min(len(g), len(w)))
                        print("  first difference at line %d:\n  LibreOffice: %r\n  .bas:        %r" % (
                            first + 1, g[first] if first < len(g) else None, w[first] if first < len(w) else None))
                    check(same, "LibreOffice's text of %s is vba/%s.bas without its Attribute lines (%d lines)" % (
                        name, name, want.count("\n") + 1))
            if "ThisWorkbook" in modules:
                check("Private Sub Workbook_Open()" in lib.getByName("ThisWorkbook"),
                      "ThisWorkbook holds Workbook_Open")
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge closes as soffice exits
            pass
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)
    print("xlam in LibreOffice: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
