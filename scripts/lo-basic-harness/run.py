#!/usr/bin/python3
"""Runs vba/TTestXL.bas in LibreOffice Basic (VBA mode) against the real engine, headless.

    /usr/bin/python3 scripts/lo-basic-harness/run.py [--module vba/TTestXL.bas] [--lib target/debug/libttest_xl.so]

Needs LibreOffice (soffice), python3-uno and libreoffice-script-provider-python; run it with the
Python that has the `uno` module (Debian: /usr/bin/python3). What it does:

 1. Builds the Basic source from the module (the ADAPTATIONS below, each a difference between
    LibreOffice and Excel VBA, not a change of the module's logic) and appends harness.bas.
 2. Starts soffice with a fresh profile holding ttxl_shim.py (ctypes over libttest_xl.so), makes
    a Calc document with the worked example's data of vba/README.md, names a cell TTXL_DLL_PATH
    holding the folder of a copy of the engine laid out as the download (x64/ttest_xl.dll), and
    inserts the module into the document's Basic library.
 3. Runs TTXL_SelfTest in English and in Japanese and requires "N passed, 0 failed" with N the
    number of checks the routine has (counted from the source), plus the harness's own checks.
 4. Enters the README's formulas in cells (array formulas for the row functions), recalculates,
    and compares every cell with R (tests/reference/vba_selftest.json).

Exit status 0 when everything passed, 1 when a check failed, 2 when LibreOffice is missing.

ADAPTATIONS (LibreOffice Basic is not Excel VBA; the harness adapts, the module is unchanged):
  A1. `Attribute VB_Name` dropped, `Option VBASupport 1` added (VBA mode).
  A2. #If resolved by the harness for 64-bit Office (VBA7, Win64): LibreOffice Basic has no #If.
  A3. `LongPtr` -> `Long`: LibreOffice Basic has no LongPtr (no real pointers are used here).
  A4. Every `Declare` removed and replaced by a Basic function of the same name in harness.bas
      that calls ttxl_shim.py: LibreOffice Basic on Linux raises error 73 for a Declare'd call.
  A5. In calls of those functions `x(0)` -> `x` and `StrPtr(s)` -> `s`: VBA passes the first
      element ByRef (the C pointer to the array) and StrPtr the BSTR's buffer; Basic has neither,
      so the whole array / the String is passed ByRef and the stub reads or fills it.
  A6. `.Value2` -> `.Value`: LibreOffice's Range has no Value2 (for numbers, text, blanks and
      errors they are the same; dates/currency are not used by the harness).
  A7. `Application.LanguageSettings.LanguageID(msoLanguageIDUI)` -> the harness's language
      (1033 or 1041): not implemented in LibreOffice; it lets the harness run both languages.
  A8. `Application.hWnd` -> 0, `Application.UserLibraryPath` -> "", `Debug.Print` -> the
      harness's log, `Err.LastDllError` -> the shim's last load error: not in LibreOffice.
  A9. NumberClass, NotANumber and Utf8ToString are replaced (harness.bas): LSet between two Types
      copies no bits in LibreOffice Basic, and the version "pointer" is the decoded string already.
  A10. A variable named `output` is renamed `output_`: Output is a keyword in LibreOffice Basic.
  A11. In Private procedures `ByVal x As Variant` -> `Optional ByVal x As Variant`: VBA passes
      an omitted optional argument on to a Variant parameter (IsMissing stays True); LibreOffice
      raises error 449 unless the receiving parameter is Optional. Callers always pass it.
  A12. `param.Member` of a Variant parameter -> `HarnessObject(param).Member`: in LibreOffice a
      procedure that uses a Variant parameter as an object, even in a branch not taken, fails
      with error 91 when the argument is a string or number.
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from vba_parse import preprocess  # noqa: E402

WIN64 = {"VBA7": True, "WIN64": True, "WIN32": True, "MAC": False, "VBA6": True}
REPLACED_PROCEDURES = ("NumberClass", "NotANumber", "Utf8ToString")
TOL_TEST = 1e-9     # the module's TOL_TEST
TOL_EFFECT = 1e-6   # the module's TOL_EFFECT (d/g CI ends)


def statements(lines):
    """Yields (first index, last index) of each statement (continuation lines joined)."""
    i = 0
    while i < len(lines):
        j = i
        while lines[j].rstrip().endswith(" _") and j + 1 < len(lines):
            j += 1
        yield i, j
        i = j + 1


def type_fields(lines, name):
    fields, inside = [], False
    for line in lines:
        s = line.strip()
        if re.match(r"(Public |Private )?Type %s$" % name, s):
            inside = True
        elif inside and s.startswith("End Type"):
            return fields
        elif inside and s and not s.startswith("'"):
            fields.append(s.split()[0])
    raise SystemExit("harness: Type %s not found in the module" % name)


def basic_source(module_path, trace=None):
    """The Basic source; with trace = a procedure name, it logs each statement's line (debugging)."""
    in_traced = False
    with open(module_path, encoding="latin-1") as f:
        lines = f.read().replace("\r\n", "\n").split("\n")
    lines = ["" if l.startswith("Attribute ") else l for l in lines]  # A1
    lines = preprocess(lines, WIN64, module_path)  # A2
    out = []
    skip_until_end = False
    variant_params = []
    for i, j in statements(lines):
        stmt = "\n".join(lines[i:j + 1])
        head = re.match(r"^\s*(?:Private |Public )?(?:Function|Sub) \w+\((.*)\)", stmt.replace(" _\n", " "), re.S)
        if head:  # A12: the procedure's Variant parameters
            variant_params = re.findall(r"(?:ByVal |ByRef )?(\w+) As Variant", head.group(1))
        elif variant_params and not re.match(r"^\s*End (Function|Sub)", stmt):
            for name in variant_params:
                stmt = re.sub(r"(?<![.\w])%s\.(?=[A-Za-z])" % name, "HarnessObject(%s)." % name, stmt)
        code = stmt.split("'")[0] if '"' not in stmt else stmt
        if re.match(r"^\s*(Private |Public )?Declare\s", stmt):  # A4
            out.extend([""] * (j - i + 1))
            continue
        m = re.match(r"^\s*(Private |Public )?Function (\w+)", stmt)
        if m and m.group(2) in REPLACED_PROCEDURES:  # A9
            skip_until_end = True
        if skip_until_end:
            if re.match(r"^\s*End Function", stmt):
                skip_until_end = False
            out.extend([""] * (j - i + 1))
            continue
        if "c_ttxl_" in code or re.search(r"\b(LoadLibraryW|GetFileAttributesW|MessageBoxW)\(", code):  # A5
            stmt = re.sub(r"\b(\w+)\(0\)", r"\1", stmt)
        stmt = re.sub(r"\bStrPtr\((\w+)\)", r"\1", stmt)  # A5
        stmt = re.sub(r"\bLongPtr\b", "Long", stmt)  # A3
        stmt = stmt.replace(".Value2", ".Value")  # A6
        stmt = stmt.replace("Application.LanguageSettings.LanguageID(msoLanguageIDUI)", "HarnessLanguageID()")  # A7
        stmt = stmt.replace("Application.hWnd", "0")  # A8
        stmt = stmt.replace("Application.UserLibraryPath", "HarnessUserLibraryPath()")
        stmt = re.sub(r"\bDebug\.Print ", "HarnessPrint ", stmt)
        stmt = stmt.replace("Err.LastDllError", "HarnessLastDllError()")
        stmt = re.sub(r"\boutput\b", "output_", stmt)  # A10
        if re.match(r"^\s*Private (Function|Sub) ", stmt):  # A11
            stmt = re.sub(r"(?<!Optional )\bByVal (\w+) As Variant", r"Optional ByVal \1 As Variant", stmt)
        if trace and in_traced and not re.match(r"^\s*(Case|End |Private |Public |Dim |Const |')", stmt) and stmt.strip():
            out.append("HarnessPrint \"line %d\"" % (i + 1))
        if head:
            in_traced = bool(trace) and re.search(r"\b(Function|Sub) %s\b" % (trace or "-"), stmt) is not None
        out.extend(stmt.split("\n"))
    with open(os.path.join(HERE, "harness.bas"), encoding="ascii") as f:
        harness = f.read()
    fill_t = "\n".join("        out.%s = r(%d)" % (f, k + 1) for k, f in enumerate(type_fields(lines, "TtxlTTest")))
    fill_r = "\n".join("        out.%s = r(%d)" % (f, k + 1) for k, f in enumerate(type_fields(lines, "TtxlRankTest")))
    fill_p = "\n".join("        out.%s = r(%d)" % (f, k + 1) for k, f in enumerate(type_fields(lines, "TtxlProportions")))
    harness = harness.replace("@FILL_TTEST@", fill_t).replace("@FILL_RANK@", fill_r).replace("@FILL_PROP@", fill_p)
    pack_t = ", ".join("result.%s" % f for f in type_fields(lines, "TtxlTTest"))
    harness = harness.replace("@PACK_TTEST@", pack_t)
    declarations, procedures = harness.split("' @DECLARATIONS_END@", 1)
    procedures = procedures.split("\n", 1)[1]
    # Module-level variables must come before the first procedure, in Basic as in VBA.
    first = next(i for i, l in enumerate(out) if re.match(r"^\s*Option Explicit", l, re.IGNORECASE))
    out[first + 1:first + 1] = declarations.split("\n")
    return "Option VBASupport 1\n" + "\n".join(out) + "\n" + procedures


def self_test_checks(module_path):
    """How many checks TTXL_SelfTest records when everything passes (Expect/ExpectTrue calls in it
    and in its SelfTest* steps; a call behind `If VarType(...) = vbString Then` or
    `If IsError(row) Then` runs too)."""
    with open(module_path, encoding="latin-1") as f:
        text = f.read()
    count = 0
    for start in re.finditer(r"^(?:Public Sub TTXL_SelfTest|Private Sub SelfTest\w*)\(", text, re.MULTILINE):
        body = text[start.start():]
        body = body[: body.index("End Sub")]
        count += len(re.findall(r"^\s*(?:If .* Then )?Expect(?:True)? ", body, re.MULTILINE))
    return count


class Office:
    def __init__(self):
        import uno  # noqa: F401 (fails early when python3-uno is missing)
        self.profile = tempfile.mkdtemp(prefix="ttxl-lo-")
        os.makedirs(os.path.join(self.profile, "user", "Scripts", "python"))
        shutil.copy(os.path.join(HERE, "ttxl_shim.py"), os.path.join(self.profile, "user", "Scripts", "python"))
        self.pipe = "ttxl_harness_%d" % os.getpid()
        self.process = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
             "-env:UserInstallation=file://" + self.profile, "--accept=pipe,name=%s;urp;" % self.pipe],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 120
        while True:
            try:
                self.ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe)
                break
            except Exception:
                if time.time() > deadline or self.process.poll() is not None:
                    raise SystemExit("harness: soffice did not start")
                time.sleep(0.5)
        self.desktop = self.ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)

    def new_calc(self):
        from com.sun.star.beans import PropertyValue

        def pv(name, value):
            p = PropertyValue()
            p.Name, p.Value = name, value
            return p
        # MacroExecutionMode 4 (ALWAYS_EXECUTE_NO_WARN): cells may call the module's functions.
        return self.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0,
                                                 (pv("Hidden", True), pv("MacroExecutionMode", 4)))

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed.append("%s %s" % (name, detail))
            print("FAIL %s %s" % (name, detail))


def close_enough(got, want, tol):
    if isinstance(got, str) or got is None:
        return False
    return abs(got - want) <= tol * max(1.0, abs(want))


# The worked example of vba/README.md section 8: id, before, after (None = blank).
EXAMPLE = [(1, 3.4, 3.9), (2, 3.7, 4.4), (3, 3.2, 3.1), (4, 2.9, None), (5, None, 4.8), (6, 3, 3.6),
           (7, 4.2, 4.15), (8, 3.5, "n/a"), (9, 2.6, 3.35), (10, 3.8, 4.6)]

# README formulas (as printed there, "," as separator) -> cells and the R keys of vba_selftest.json.
ROW_TTEST = ["statistic", "df", "p_value", "estimate", "conf_low", "conf_high", "cohen_d", "cohen_d_low",
             "cohen_d_high", "hedges_g"]
FORMULAS = [
    ("=TTXL_TTEST(C2:C11, B2:B11, 2, 3)", ["welch.p_value"], TOL_TEST),
    ("=TTXL_TTEST(C2:C11, B2:B11, 2, 1)", ["paired.p_value"], TOL_TEST),
    ("=TTXL_PAIRED(C2:C11, B2:B11)", ["paired." + k for k in ROW_TTEST], TOL_EFFECT),
    ("=TTXL_WELCH(C2:C11, B2:B11)", ["welch." + k for k in ROW_TTEST], TOL_EFFECT),
    ("=TTXL_COHEN_D(C2:C11, B2:B11, 2, TRUE)", ["student.cohen_d", "student.cohen_d_low", "student.cohen_d_high"],
     TOL_EFFECT),
    ("=TTXL_MANN_WHITNEY(C2:C11, B2:B11)", ["mann_whitney.statistic", "mann_whitney.p_value",
                                            "mann_whitney.rank_biserial"], TOL_TEST),
    ("=TTXL_WILCOXON(C2:C11, B2:B11)", ["wilcoxon.statistic", "wilcoxon.p_value", "wilcoxon.rank_biserial"],
     TOL_TEST),
    ("=TTXL_POWER_N(0.5)", ["power_n.two_sample"], TOL_TEST),
]


def cell_value(cell):
    from com.sun.star.table.CellContentType import TEXT, FORMULA
    if cell.getType() == FORMULA and cell.getError() != 0:
        return "#ERR%d:%s" % (cell.getError(), cell.getString())
    if cell.getType() == TEXT or (cell.getType() == FORMULA and cell.getString() and not _is_number(cell)):
        return cell.getString()
    return cell.getValue()


def _is_number(cell):
    from com.sun.star.table.CellContentType import FORMULA
    if cell.getType() != FORMULA:
        return True
    return cell.FormulaResultType2 == 1  # com.sun.star.sheet.FormulaResult.VALUE


def check_macro(doc, call, report, reference):
    """WriteResults, the analysis macro's body, on the worked example (paired): the header check
    lists the differing column and asks, and No stops before anything is written."""
    sheets_before = doc.Sheets.getCount()
    call("HarnessSetup", 1033, 7)  # MessageBoxW answers No
    outcome = call("HarnessRun", "WriteResults")
    messages = call("HarnessMessages")
    report.check("macro: differing headers ask", "differ in 1 column(s)" in messages and outcome == "ok",
                 repr((outcome, messages[:200])))
    report.check("macro: No stops", doc.Sheets.getCount() == sheets_before)
    # Writing the results sheet is not run here: in LibreOffice, book.Worksheets.Add on the
    # workbook from before.Worksheet.Parent fails with error 91 ("Index out of defined range"),
    # so the sheet, its number formats (item names as text) and the sentences need Excel
    # (tests/windows/README.md, the checklist).
    print("analysis macro (WriteResults): the header check asks and No stops")


def run(args):
    report = Report()
    with open(os.path.join(ROOT, "tests", "reference", "vba_selftest.json")) as f:
        reference = json.load(f)
    with open(os.path.join(ROOT, "vba", "README.md"), encoding="utf-8") as f:
        readme = f.read()
    source = basic_source(args.module, args.trace)
    if args.dump:
        with open(args.dump, "w") as f:
            f.write(source)
    expected_checks = self_test_checks(args.module)

    # The engine laid out as in the download: <folder>/x64/ttest_xl.dll.
    dll_dir = tempfile.mkdtemp(prefix="ttxl-dll-")
    os.makedirs(os.path.join(dll_dir, "x64"))
    shutil.copy(args.lib, os.path.join(dll_dir, "x64", "ttest_xl.dll"))

    office = Office()
    try:
        run_in_office(office, args, report, reference, readme, source, expected_checks, dll_dir)
    except Exception as error:  # the bridge dies when soffice crashes (the module's fault or LibreOffice's)
        report.check("LibreOffice survived", False, "%s: %s" % (type(error).__name__, str(error).splitlines()[0]))
    finally:
        office.close()
        shutil.rmtree(dll_dir, ignore_errors=True)
    print("lo-basic-harness: %d passed, %d failed" % (report.passed, len(report.failed)))
    return 0 if not report.failed else 1


def run_in_office(office, args, report, reference, readme, source, expected_checks, dll_dir):
    if True:
        doc = office.new_calc()
        sheet = doc.Sheets.getByIndex(0)
        sheet.getCellRangeByName("A1").setString("id")
        sheet.getCellRangeByName("B1").setString("before")
        sheet.getCellRangeByName("C1").setString("after")
        for k, (pid, before, after) in enumerate(EXAMPLE, start=2):
            sheet.getCellRangeByName("A%d" % k).setValue(pid)
            for col, v in (("B", before), ("C", after)):
                if isinstance(v, str):
                    sheet.getCellRangeByName("%s%d" % (col, k)).setString(v)
                elif v is not None:
                    sheet.getCellRangeByName("%s%d" % (col, k)).setValue(v)
        # The DLL's folder in a cell named TTXL_DLL_PATH, as vba/README.md step 4 describes, in
        # double quotes as Explorer's "Copy as path" writes it (the module must remove them).
        sheet.getCellRangeByName("Z1").setString(args.path_text.replace("{dir}", dll_dir))
        from com.sun.star.table import CellAddress
        doc.NamedRanges.addNewByName("TTXL_DLL_PATH", "$Sheet1.$Z$1", CellAddress(0, 25, 0), 0)

        libs = doc.BasicLibraries
        lib = libs.getByName("Standard") if libs.hasByName("Standard") else libs.createLibrary("Standard")
        lib.insertByName("TTestXL", source)
        provider = doc.getScriptProvider()

        def call(name, *params):
            script = provider.getScript("vnd.sun.star.script:Standard.TTestXL.%s?language=Basic&location=document"
                                        % name)
            return script.invoke(tuple(params), (), ())[0]

        for language, answer in ((1033, 6), (1041, 6)):
            call("HarnessSetup", language, answer)
            outcome = call("HarnessRun", "TTXL_SelfTest")
            report.check("TTXL_SelfTest ran (%d)" % language, outcome == "ok", str(outcome))
            if outcome is None:
                print("FAIL the module does not compile in LibreOffice Basic")
                break
            printed = call("HarnessPrinted")
            messages = call("HarnessMessages")
            m = re.search(r"TTXL_SelfTest: (\d+) passed, (\d+) failed", printed)
            report.check("TTXL_SelfTest reported (%d)" % language, m is not None, repr(printed[:500] + messages[:500]))
            if m:
                print("LibreOffice Basic (%d): %s" % (language, m.group(0)))
                report.check("TTXL_SelfTest all passed (%d)" % language, m.group(2) == "0", printed[:3000])
                report.check("TTXL_SelfTest ran every check (%d)" % language,
                             int(m.group(1)) + int(m.group(2)) == expected_checks,
                             "%s of %d" % (m.group(0), expected_checks))
                report.check("TTXL_SelfTest dialog (%d)" % language, m.group(0) in messages, repr(messages[:300]))

        # The add-in calls this on open; twice must be harmless, and a failure silent (LibreOffice has
        # no Application.MacroOptions, so here it exercises the silent failure path).
        outcome = call("HarnessRun", "TTXL_RegisterFunctionHelp")
        report.check("TTXL_RegisterFunctionHelp twice, silently", outcome == "ok", str(outcome))

        # The README's formulas in cells: row functions as array formulas to the right.
        call("HarnessSetup", 1033, 6)
        row = 2
        placed = []
        for formula, keys, tol in FORMULAS:
            report.check("README shows %s" % formula, formula.lstrip("=") in readme)
            api = formula.lstrip("=").replace(", ", ";")
            if len(keys) == 1:
                sheet.getCellRangeByName("E%d" % row).setFormula("=" + api)
            else:
                last = chr(ord("E") + len(keys) - 1)
                sheet.getCellRangeByName("E%d:%s%d" % (row, last, row)).setArrayFormula(api)
            placed.append((row, formula, keys, tol))
            row += 1
        # Beyond the README: whole columns (read down to the used range only: defect 6) give the
        # same row as the explicit ranges (the headers are text, so missing), and TTXL_TTEST shows
        # #DIV/0! for data it cannot test, as T.TEST. (TTXL_LAST_ERROR(cell), defect 7, cannot be
        # run here: Application.Caller is Empty in a LibreOffice Basic cell function.)
        sheet.getCellRangeByName("E20:N20").setArrayFormula("TTXL_WELCH(C:C;B:B)")
        for k, v in enumerate((2, 2, 2), start=22):
            sheet.getCellRangeByName("A%d" % k).setValue(v)
        sheet.getCellRangeByName("E21").setFormula("=TTXL_TTEST(A22:A24;A22:A24;2;2)")
        doc.calculateAll()
        for k, key in enumerate("welch." + k for k in ROW_TTEST):
            got = cell_value(sheet.getCellByPosition(4 + k, 19))
            report.check("whole columns C:C, B:B [%d] = R %s" % (k + 1, key), close_enough(got, reference[key], TOL_EFFECT),
                         "got %r" % (got,))
        # LibreOffice shows an error value returned by a Basic cell function as the text
        # "Error <code>" (2007 = xlErrDiv0) where Excel shows #DIV/0!.
        e21 = sheet.getCellRangeByName("E21").getString()
        report.check("zero variance in TTXL_TTEST shows #DIV/0!", e21 in ("#DIV/0!", "Error 2007"), repr(e21))
        for row, formula, keys, tol in placed:
            for k, key in enumerate(keys):
                got = cell_value(sheet.getCellByPosition(4 + k, row - 1))
                want = reference[key]
                report.check("cell %s[%d] = R %s" % (formula, k + 1, key), close_enough(got, want, tol),
                             "got %r, R %r" % (got, want))
        print("README formulas in cells: %d values compared with R" % sum(len(k) for _, _, k, _ in placed))
        check_macro(doc, call, report, reference)
        doc.close(True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--module", default=os.path.join(ROOT, "vba", "TTestXL.bas"))
    parser.add_argument("--lib", default=os.path.join(ROOT, "target", "debug", "libttest_xl.so"))
    parser.add_argument("--path-text", default='"{dir}"', help="text of the TTXL_DLL_PATH cell ({dir} = folder)")
    parser.add_argument("--trace", help="log each statement of this procedure (debugging)")
    parser.add_argument("--dump", help="write the Basic source given to LibreOffice to this file")
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        print("lo-basic-harness: soffice not found (apt-get install libreoffice-calc-nogui"
              " libreoffice-script-provider-python python3-uno)")
        return 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
