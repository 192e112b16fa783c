#!/usr/bin/env python3
"""Name-binding check for VBA modules: resolves every identifier as the VBA compiler would.

The grammar check (vba_parse.py) accepts code that compiles and then fails at run time because a
name binds to something other than what its author meant. VBA names are case-insensitive and
resolve in this order: the procedure's locals and parameters (and, in a Function, its own name),
then the module's procedures, variables, constants, Declares, Types and Enums, then the globals of
the VBA library and of the host (Excel's Application: Cells, Range, Rows, Selection, ...). So:

  * a parameter `alternativeArg` hides the module function `AlternativeArg`: inside that
    procedure `AlternativeArg(alternativeArg, ...)` indexes the Variant parameter (error 13);
  * an undeclared `cells` still compiles under Option Explicit: it is Excel's global `Cells`,
    every cell of the active sheet.

For each module, in each of the three configurations VBA compiles it in (64-bit, 32-bit and
pre-VBA7 Office; inactive #If branches are dropped first), this script reports:

  hides          a local or parameter with the name of a module procedure, Declare, variable or
                 constant (and, when the procedure uses that name, the line: the use binds to
                 the local);
  excel-global   an unqualified name that binds to a global of Excel's Application object that
                 this project does not allow in a module (Cells, Range, Rows, Columns,
                 ActiveSheet, ...: they read the active sheet, not the caller's);
  undeclared     a name that is declared nowhere and is no VBA/Office/Excel global: a typo
                 (Option Explicit would stop the whole module from compiling);
  duplicate      two module-level declarations, or two locals of one procedure, with one name
                 (case-insensitive): "Ambiguous name detected" / "Duplicate declaration".

Usage: vba_names.py MODULE... [--with PROJECT_MODULE...]: the modules after --with are the other
modules of the same VBA project; their Public procedures are visible to MODULE (as the add-in's
ribbon module calls TTXL_AnalyzeSelection in TTestXL.bas).

Exit status 0 when every file is clean, 1 otherwise. Findings are printed as
FILE:LINE: kind: text (one per line; the same finding in several configurations is printed once).

    python3 scripts/vba_names.py vba/*.bas
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vba_parse import CONFIGURATIONS, code_only, preprocess  # noqa: E402

# --- what VBA, Office and Excel provide ----------------------------------------------------------
KEYWORDS = set("""
and as attribute byref byval call case const declare dim do each else elseif end enum erase exit
explicit false for friend function get global gosub goto if implements in is let lib like loop
lset me mod new next not nothing null on option optional or paramarray preserve print private
property public raiseevent redim rem resume return rset select set static step stop sub then to
true type typeof until wend while with withevents xor alias ptrsafe compare binary text base
module eqv imp error open close output input append random line len lenb
empty boolean byte integer long longlong longptr single double currency date string variant object
decimal any
""".split())

# Functions, statements, objects and constants of the VBA library.
VBA_GLOBALS = set(w.lower() for w in """
Abs Array Asc AscW Atn CBool CByte CCur CDate CDbl CDec CInt CLng CLngLng CLngPtr CSng CStr CVar
CVErr Choose Chr Chr$ ChrW ChrW$ Command Cos CreateObject CurDir Date$ DateAdd DateDiff DatePart
DateSerial DateValue Day Debug DoEvents Environ Environ$ EOF Err Exp FileDateTime FileLen Filter
Fix Format Format$ FormatNumber FreeFile GetObject Hex Hex$ Hour IIf InStr InStrB InStrRev Int
IsArray IsDate IsEmpty IsError IsMissing IsNull IsNumeric IsObject Join LBound LCase LCase$ Left
Left$ LeftB LTrim LTrim$ Mid Mid$ MidB Minute Month MsgBox Now Oct ObjPtr Replace RGB Right Right$
RTrim RTrim$ Round Second Sgn Shell Sin Space Space$ Split Sqr Str Str$ StrComp StrConv StrPtr
String$ Tan Time Timer TimeSerial Trim Trim$ TypeName UBound UCase UCase$ Val VarPtr VarType
Weekday Year InputBox Collection
vbCrLf vbCr vbLf vbNewLine vbNullChar vbNullString vbTab vbTextCompare vbBinaryCompare
vbEmpty vbNull vbInteger vbLong vbSingle vbDouble vbCurrency vbDate vbString vbObject vbError
vbBoolean vbVariant vbDataObject vbDecimal vbByte vbLongLong vbUserDefinedType vbArray
vbOKOnly vbOKCancel vbYesNo vbYesNoCancel vbCritical vbQuestion vbExclamation vbInformation
vbYes vbNo vbCancel vbOK vbObjectError vbUpperCase vbLowerCase vbWide vbNarrow vbKatakana
vbHiragana vbUnicode vbFromUnicode
""".split())

# Members of Excel's Application object that may be used unqualified in a module; each is an
# intended entry point, not a stand-in for a forgotten variable.
EXCEL_ALLOWED = {
    "application": "Excel itself",
    "thisworkbook": "the workbook or add-in holding the module",
    "activeworkbook": "the workbook a macro works on",
    "activewindow": "freeze panes of the results sheet",
    "selection": "the default answer of AskRange",
}
# Globals of Excel's Application object (the <globals> of the Excel type library) that read or
# change the active sheet/workbook when written without a qualifier.
EXCEL_GLOBALS = dict((w.lower(), w) for w in """
ActiveCell ActiveChart ActivePrinter ActiveSheet ActiveWindow ActiveWorkbook AddIns Application
Calculate Cells Charts Columns CommandBars DDEAppReturnCode Evaluate ExecuteExcel4Macro Intersect
Names Range Rows Run Selection SendKeys Sheets ThisWorkbook Union Windows Workbooks
WorksheetFunction Worksheets
""".split())
# Constant prefixes of the Excel and Office type libraries (xlErrNA, xlA1, msoLanguageIDUI).
ENUM_PREFIXES = ("xl", "mso", "rgb")

PROC_START = re.compile(
    r"^(?:(?:public|private|friend)\s+)?(?:static\s+)?(function|sub|property\s+(?:get|let|set))\s+(\w+)(.*)$",
    re.IGNORECASE)
PROC_END = re.compile(r"^end\s+(function|sub|property)\b", re.IGNORECASE)
DECLARE = re.compile(r"^(?:(?:public|private)\s+)?declare\s+(?:ptrsafe\s+)?(?:function|sub)\s+(\w+)", re.IGNORECASE)
TYPE_START = re.compile(r"^(?:(?:public|private)\s+)?type\s+(\w+)\s*$", re.IGNORECASE)
ENUM_START = re.compile(r"^(?:(?:public|private)\s+)?enum\s+(\w+)\s*$", re.IGNORECASE)
BLOCK_END = re.compile(r"^end\s+(type|enum)\b", re.IGNORECASE)
VAR_DECL = re.compile(r"^((?:private\s+|public\s+|global\s+)?const|dim|private|public|global|static)\s+(.*)$",
                      re.IGNORECASE)
LABEL = re.compile(r"^([A-Za-z]\w*):(?!=)")
TOKEN = re.compile(r"""
    (?P<hex>&[HhOo][0-9A-Fa-f]+&?)
  | (?P<num>\d+\.?\d*(?:[eE][+-]?\d+)?[#!@%&^]?|\.\d+(?:[eE][+-]?\d+)?[#!@]?)
  | (?P<date>\#[0-9/:\sAPMapm-]+\#)
  | (?P<bracket>\[[^\]]*\])
  | (?P<id>[A-Za-z][A-Za-z0-9_]*[$%&!#@^]?)
  | (?P<named>:=)
  | (?P<other>\S)
""", re.VERBOSE)


def base(name):
    """The name without a type-declaration character, lower case (VBA compares that way)."""
    return name.rstrip("$%&!#@^").lower()


def logical_lines(lines):
    """(first physical line number, code) per statement: comments and string contents removed,
    continuations joined, colon-separated statements split (labels kept as their own statement)."""
    out = []
    buf, start = "", None
    for number, raw in enumerate(lines, 1):
        code = code_only(raw).rstrip()
        if start is None:
            start = number
        if code.endswith(" _") or code == "_":
            buf += code[:-1] + " "
            continue
        buf += code
        for part in split_statements(buf):
            if part.strip():
                out.append((start, part.strip()))
        buf, start = "", None
    return out


def split_statements(code):
    parts, depth, current = [], 0, ""
    i = 0
    while i < len(code):
        ch = code[i]
        if ch == '"':  # strings are already blanked to ""
            j = code.index('"', i + 1)
            current += code[i:j + 1]
            i = j + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == ":" and depth == 0 and not code.startswith(":=", i) and not (i > 0 and code[i - 1] == ":"):
            # A label "Name:" at the start of a line is kept as its own statement.
            parts.append(current + ":" if LABEL.match(current.strip() + ":") and not parts else current)
            current = ""
            i += 1
            continue
        current += ch
        i += 1
    parts.append(current)
    # "If x Then a: b" keeps the colons inside the single-line If; only the binding matters here.
    return parts


def split_top(text):
    """Splits a declaration list at commas outside parentheses."""
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def declared_names(decl_list):
    """Names of `a As Long, b(1 To 3) As Double, c` or `FN As String = "x"` (Const)."""
    names = []
    for part in split_top(decl_list):
        part = re.sub(r"^(withevents|optional|byval|byref|paramarray)\s+", "", part, flags=re.IGNORECASE)
        part = re.sub(r"^(optional|byval|byref|paramarray)\s+", "", part, flags=re.IGNORECASE)
        m = re.match(r"([A-Za-z]\w*[$%&!#@^]?)", part)
        if m:
            names.append(m.group(1))
    return names


def parameters(rest):
    """Parameter names from the text after a procedure's name: `(ByVal a As X, ...) As Y`."""
    rest = rest.strip()
    if not rest.startswith("("):
        return []
    depth = 0
    for i, ch in enumerate(rest):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return declared_names(rest[1:i])
    return []


class Module:
    def __init__(self):
        self.names = {}        # lower name -> (kind, line, spelling)
        self.duplicates = []   # (line, text)
        self.procedures = []   # dicts


def declare_module(module, name, kind, line, prop_kind=None):
    key = base(name)
    if key in module.names:
        prev_kind, prev_line, _ = module.names[key]
        if not (kind.startswith("property") and prev_kind.startswith("property") and prev_kind != kind):
            module.duplicates.append((line, "the module-level name %s is also declared on line %d" % (name, prev_line)))
        return
    module.names[key] = (kind, line, name)


def scan(statements):
    """Module-level declarations and the procedures with their statements."""
    module = Module()
    current = None
    in_block = None
    for line, stmt in statements:
        low = stmt.lower()
        if in_block:
            if BLOCK_END.match(stmt):
                in_block = None
            elif in_block == "enum":
                m = re.match(r"([A-Za-z]\w*)", stmt)
                if m:
                    declare_module(module, m.group(1), "enum member", line)
            continue
        if current is None:
            if low.startswith("attribute ") or low.startswith("option "):
                continue
            m = DECLARE.match(stmt)
            if m:
                declare_module(module, m.group(1), "declare", line)
                continue
            m = TYPE_START.match(stmt)
            if m:
                declare_module(module, m.group(1), "type", line)
                in_block = "type"
                continue
            m = ENUM_START.match(stmt)
            if m:
                declare_module(module, m.group(1), "enum", line)
                in_block = "enum"
                continue
            m = PROC_START.match(stmt)
            if m:
                kind = re.sub(r"\s+", " ", m.group(1).lower())
                declare_module(module, m.group(2), kind, line)
                current = {"name": m.group(2), "kind": kind, "line": line, "params": parameters(m.group(3)),
                           "body": []}
                continue
            m = VAR_DECL.match(stmt)
            if m:
                kind = "constant" if "const" in m.group(1).lower() else "variable"
                for name in declared_names(m.group(2)):
                    declare_module(module, name, kind, line)
            continue
        if PROC_END.match(stmt):
            module.procedures.append(current)
            current = None
            continue
        current["body"].append((line, stmt))
    return module


def check_procedure(module, proc, findings):
    locals_ = {}  # lower -> (line, spelling, kind)
    for name in proc["params"]:
        key = base(name)
        if key in locals_:
            findings.add((proc["line"], "duplicate", "%s: the parameter %s is declared twice" % (proc["name"], name)))
        locals_[key] = (proc["line"], name, "parameter")
    labels = set()
    for line, stmt in proc["body"]:
        m = LABEL.match(stmt)
        if m and stmt.strip().endswith(":"):
            labels.add(m.group(1).lower())
            continue
        m = re.match(r"^(dim|static|const)\s+(.*)$", stmt, re.IGNORECASE)
        if m:
            for name in declared_names(m.group(2)):
                key = base(name)
                if key in locals_ or key == base(proc["name"]):
                    findings.add((line, "duplicate", "%s: %s is declared twice in this procedure" % (proc["name"], name)))
                locals_[key] = (line, name, "local")
    # A local or parameter with the name of a module-level procedure, Declare, variable or constant.
    for key, (decl_line, spelling, what) in locals_.items():
        if key in module.names:
            kind, mod_line, mod_name = module.names[key]
            if kind in ("type", "enum"):
                continue
            uses = [line for line, stmt in proc["body"] if re.search(r"(?<![.\w])%s\b" % re.escape(key), stmt, re.I)
                    and not re.match(r"^(dim|static|const)\s", stmt, re.I)]
            text = "%s: the %s %s hides the module %s %s (line %d)" % (proc["name"], what, spelling, kind, mod_name,
                                                                     mod_line)
            if uses:
                text += "; inside it that name (used first on line %d) always means the %s, never %s" % (
                    uses[0], what, mod_name)
            findings.add((decl_line, "hides", text))
    own = base(proc["name"])
    for line, stmt in proc["body"]:
        if LABEL.match(stmt) and stmt.strip().endswith(":"):
            continue
        tokens = [(m.lastgroup, m.group()) for m in TOKEN.finditer(stmt)]
        decl = re.match(r"^(dim|static|const|redim)\s", stmt, re.IGNORECASE)
        for i, (kind, text) in enumerate(tokens):
            if kind != "id":
                continue
            key = base(text)
            prev = tokens[i - 1][1] if i > 0 else ""
            prev2 = tokens[i - 2][1].lower() if i > 1 else ""
            nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            if prev == ".":
                continue  # a member: obj.Name or .Name inside With
            if nxt == "named":
                continue  # a named argument: Prompt:=
            if prev.lower() in ("as", "new") or (prev2 == "as" and prev.lower() == "new"):
                continue  # a type name
            if prev.lower() in ("goto", "resume") and key in labels:
                continue
            if key in KEYWORDS and key not in ("error", "len", "lenb", "input", "line", "text", "string"):
                continue
            if decl and i == 1 and prev.lower() in ("dim", "static", "const", "redim"):
                continue
            if key in locals_ or key == own:
                continue
            if key in module.names:
                continue
            if key in PROJECT_PUBLIC:
                continue  # a Public procedure of another module of the same project (--with)
            if key in VBA_GLOBALS or key in ("error", "len", "lenb", "input", "line", "text", "string"):
                continue
            if key in EXCEL_GLOBALS:
                if key not in EXCEL_ALLOWED:
                    findings.add((line, "excel-global", "%s: %s is not declared in this procedure or module, so it binds"
                                  " to Excel's global %s (of the active sheet or workbook), not to a local"
                                  % (proc["name"], text, EXCEL_GLOBALS[key])))
                continue
            if key.startswith(ENUM_PREFIXES) and len(key) > 3 and text[2:3].isupper() or \
                    key.startswith("mso") and text[3:4].isupper():
                continue
            if key in labels:
                continue
            findings.add((line, "undeclared", "%s: %s is not declared (no local, module name or VBA/Excel global"
                          " of that name)" % (proc["name"], text)))


def check_text(path, text):
    lines = text.replace("\r\n", "\n").split("\n")
    findings = set()
    for _label, values in CONFIGURATIONS:
        variant = preprocess(lines, values, path)
        module = scan(logical_lines(variant))
        for line, text_ in module.duplicates:
            findings.add((line, "duplicate", text_))
        for proc in module.procedures:
            check_procedure(module, proc, findings)
    return sorted(findings)


# Public procedures of the other modules given with --with: VBA resolves a name that is not
# declared in the module to a Public member of another standard module of the project.
PROJECT_PUBLIC = set()

PUBLIC_PROC = re.compile(r"^(?:public\s+)?(?:sub|function)\s+(\w+)", re.IGNORECASE)


def project_public(paths):
    names = set()
    for path in paths:
        with open(path, "rb") as f:
            for raw in f.read().decode("latin-1").replace("\r\n", "\n").split("\n"):
                m = PUBLIC_PROC.match(raw.strip())
                if m:
                    names.add(base(m.group(1)))
    return names


def main(args):
    paths, others = args, []
    if "--with" in args:
        at = args.index("--with")
        paths, others = args[:at], args[at + 1:]
    if not paths:
        raise SystemExit(__doc__)
    PROJECT_PUBLIC.update(project_public([o for o in others if o not in paths]))
    failed = 0
    for path in paths:
        with open(path, "rb") as f:
            text = f.read().decode("latin-1")
        findings = check_text(path, text)
        if findings:
            failed += 1
            for line, kind, message in findings:
                print("%s:%d: %s: %s" % (path, line, kind, message))
        else:
            print("ok   %s (every name binds to what it declares, in %d configurations)" % (path, len(CONFIGURATIONS)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
