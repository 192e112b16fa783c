#!/usr/bin/env python3
"""Checks VBA modules (.bas) the way the VBA editor would see them, without Excel.

For each file given:
  1. Source rules the VBA editor cares about: ASCII only (an imported .bas is read in the ANSI
     code page of the PC, see vba/README.md), CRLF line endings, lines of at most 1023
     characters, at most 24 line continuations per statement, `Attribute VB_Name` first.
  2. Project rules: `Option Explicit`; no `On Error Resume Next`; every Public procedure has a
     header comment with an example.
  3. The conditional-compilation structure (#If/#ElseIf/#Else/#End If) parses under the
     vba_cc grammar of the PyPI package antlr4-vba.
  4. The module parses under the VBA grammar of antlr4-vba (an ANTLR4 grammar of the MS-VBAL
     language specification) in each of the three configurations VBA compiles it in:
     VBA7 + Win64 (64-bit Office), VBA7 without Win64 (32-bit Office 2010+) and pre-VBA7
     (Office 2007 and older). As in VBA, inactive #If branches are removed before parsing
     (they are replaced by blank lines, so line numbers stay right).

Exit status 0 when every file passes, 1 otherwise; each problem is printed as FILE:LINE: text.

    python3 scripts/vba_parse.py vba/*.bas
"""
import re
import sys


CONFIGURATIONS = [
    ("64-bit Office (VBA7, Win64)", {"VBA7": True, "WIN64": True, "WIN32": True, "MAC": False, "VBA6": True}),
    ("32-bit Office 2010+ (VBA7)", {"VBA7": True, "WIN64": False, "WIN32": True, "MAC": False, "VBA6": True}),
    ("Office 2007 and older (VBA6)", {"VBA7": False, "WIN64": False, "WIN32": True, "MAC": False, "VBA6": True}),
]


def antlr_parse(text, lexer_class, parser_class):
    # antlr4 is imported here, not at the top, so scripts/vba_names.py can reuse this file's
    # preprocessor without the grammar package installed.
    from antlr4 import CommonTokenStream, InputStream
    from antlr4.error.ErrorListener import ErrorListener

    class Collect(ErrorListener):
        def __init__(self):
            super().__init__()
            self.errors = []

        def syntaxError(self, recognizer, offending, line, column, msg, e):  # noqa: N802 (ANTLR API)
            self.errors.append((line, column, msg))

    errors = Collect()
    lexer = lexer_class(InputStream(text))
    lexer.removeErrorListeners()
    lexer.addErrorListener(errors)
    parser = parser_class(CommonTokenStream(lexer))
    parser.removeErrorListeners()
    parser.addErrorListener(errors)
    parser.startRule()
    return errors.errors


def strip_comment(line):
    """The code part of a line: without a trailing ' comment (quotes inside strings respected)."""
    in_string = False
    for i, ch in enumerate(line):
        if ch == '"':
            in_string = not in_string
        elif ch == "'" and not in_string:
            return line[:i]
    return line


def code_only(line):
    """The code part with string literals blanked, for keyword searches."""
    return re.sub(r'"(?:[^"]|"")*"', '""', strip_comment(line))


# --- conditional compilation -------------------------------------------------------------------
TOKEN = re.compile(r"\s*(\(|\)|[A-Za-z_][A-Za-z0-9_]*)")


def eval_cc(expr, values, where):
    tokens = []
    pos = 0
    expr = expr.strip()
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m:
            raise ValueError("%s: cannot evaluate #If expression %r" % (where, expr))
        tokens.append(m.group(1).upper())
        pos = m.end()
    tokens.append(None)
    i = 0

    def peek():
        return tokens[i]

    def take():
        nonlocal i
        i += 1
        return tokens[i - 1]

    def primary():
        tok = take()
        if tok == "NOT":
            return not primary()
        if tok == "(":
            v = disjunction()
            if take() != ")":
                raise ValueError("%s: missing ) in #If expression %r" % (where, expr))
            return v
        if tok in ("TRUE", "FALSE"):
            return tok == "TRUE"
        if tok is not None and tok in values:
            return values[tok]
        if tok is not None and re.match(r"[A-Z_]", tok):
            return False  # an undefined compiler constant is Empty, i.e. False, as in VBA
        raise ValueError("%s: unexpected %r in #If expression %r" % (where, tok, expr))

    def conjunction():
        v = primary()
        while peek() == "AND":
            take()
            v = primary() and v
        return v

    def disjunction():
        v = conjunction()
        while peek() == "OR":
            take()
            v = conjunction() or v
        return v

    value = disjunction()
    if peek() is not None:
        raise ValueError("%s: unexpected %r in #If expression %r" % (where, peek(), expr))
    return value


CC_IF = re.compile(r"^\s*#If\s+(.*)\s+Then\s*$", re.IGNORECASE)
CC_ELSEIF = re.compile(r"^\s*#ElseIf\s+(.*)\s+Then\s*$", re.IGNORECASE)
CC_ELSE = re.compile(r"^\s*#Else\s*$", re.IGNORECASE)
CC_END = re.compile(r"^\s*#End\s*If\s*$", re.IGNORECASE)


def preprocess(lines, values, name):
    """Lines with inactive branches and directives blanked; raises ValueError on bad nesting."""
    out = []
    # each frame: [parent_active, this_branch_active, some_branch_taken]
    stack = []
    active = True
    for number, raw in enumerate(lines, 1):
        line = strip_comment(raw)
        where = "%s:%d" % (name, number)
        m = CC_IF.match(line)
        if m:
            cond = eval_cc(m.group(1), values, where)
            stack.append([active, active and cond, cond])
            active = active and cond
            out.append("")
            continue
        m = CC_ELSEIF.match(line)
        if m:
            if not stack:
                raise ValueError("%s: #ElseIf without #If" % where)
            frame = stack[-1]
            cond = eval_cc(m.group(1), values, where)
            take = (not frame[2]) and cond
            frame[2] = frame[2] or cond
            active = frame[0] and take
            out.append("")
            continue
        if CC_ELSE.match(line):
            if not stack:
                raise ValueError("%s: #Else without #If" % where)
            frame = stack[-1]
            active = frame[0] and not frame[2]
            frame[2] = True
            out.append("")
            continue
        if CC_END.match(line):
            if not stack:
                raise ValueError("%s: #End If without #If" % where)
            active = stack.pop()[0]
            out.append("")
            continue
        if line.lstrip().startswith("#"):
            raise ValueError("%s: unsupported directive %r" % (where, raw.strip()))
        out.append(raw if active else "")
    if stack:
        raise ValueError("%s: %d #If block(s) not closed with #End If" % (name, len(stack)))
    return out


# --- source and project rules ------------------------------------------------------------------
PUBLIC_PROC = re.compile(r"^\s*Public\s+(Function|Sub)\s+(\w+)", re.IGNORECASE)


def source_rules(name, data):
    problems = []
    for offset, byte in enumerate(data):
        if byte > 127:
            line = data[:offset].count(b"\n") + 1
            problems.append("%s:%d: non-ASCII byte 0x%02X (Japanese text must be written as U(\"\\u...\"),"
                            " see scripts/vba_ja.py)" % (name, line, byte))
            break
    text = data.decode("latin-1")
    if re.search(r"(?<!\r)\n", text):
        line = text[: re.search(r"(?<!\r)\n", text).start()].count("\n") + 1
        problems.append("%s:%d: line ends with LF only; the VBA editor expects CRLF" % (name, line))
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines[0].startswith('Attribute VB_Name = "'):
        problems.append("%s:1: the first line must be Attribute VB_Name = \"...\"" % name)
    continuation = 0
    for number, line in enumerate(lines, 1):
        if len(line) > 1023:
            problems.append("%s:%d: line has %d characters (VBA allows 1023)" % (name, number, len(line)))
        if strip_comment(line).rstrip().endswith(" _"):
            continuation += 1
            if continuation > 24:
                problems.append("%s:%d: more than 24 line continuations in one statement" % (name, number))
        else:
            continuation = 0
    codes = [code_only(line) for line in lines]
    if not any(re.match(r"^\s*Option\s+Explicit\s*$", c, re.IGNORECASE) for c in codes):
        problems.append("%s: Option Explicit is missing" % name)
    for number, c in enumerate(codes, 1):
        if re.search(r"\bOn\s+Error\s+Resume\s+Next\b", c, re.IGNORECASE):
            problems.append("%s:%d: On Error Resume Next hides failures; handle the error" % (name, number))
    for number, line in enumerate(lines, 1):
        m = PUBLIC_PROC.match(code_only(line))
        if not m:
            continue
        header = []
        k = number - 2
        while k >= 0 and lines[k].lstrip().startswith("'"):
            header.append(lines[k])
            k -= 1
        if not header:
            problems.append("%s:%d: Public %s %s has no header comment" % (name, number, m.group(1), m.group(2)))
        elif not any("example" in h.lower() for h in header):
            problems.append("%s:%d: the header comment of %s has no example" % (name, number, m.group(2)))
    return problems, lines


def check_file(path):
    from antlr4_vba.vba_ccLexer import vba_ccLexer
    from antlr4_vba.vba_ccParser import vba_ccParser
    from antlr4_vba.vbaLexer import vbaLexer
    from antlr4_vba.vbaParser import vbaParser

    with open(path, "rb") as f:
        data = f.read()
    problems, lines = source_rules(path, data)
    text = "\n".join(lines)
    for line, column, msg in antlr_parse(text + "\n", vba_ccLexer, vba_ccParser):
        problems.append("%s:%d:%d: conditional compilation: %s" % (path, line, column, msg))
    for label, values in CONFIGURATIONS:
        try:
            variant = preprocess(lines, values, path)
        except ValueError as error:
            problems.append(str(error))
            break
        for line, column, msg in antlr_parse("\n".join(variant) + "\n", vbaLexer, vbaParser):
            problems.append("%s:%d:%d: %s: %s" % (path, line, column, label, msg))
    return problems


def main(paths):
    if not paths:
        raise SystemExit(__doc__)
    failed = 0
    for path in paths:
        problems = check_file(path)
        if problems:
            failed += 1
            print("FAIL %s" % path)
            for p in problems[:50]:
                print("  " + p)
            if len(problems) > 50:
                print("  ... and %d more" % (len(problems) - 50))
        else:
            print("ok   %s (source rules, #If structure, parsed in %d configurations)" % (path, len(CONFIGURATIONS)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
