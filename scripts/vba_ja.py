#!/usr/bin/env python3
"""Keep vba/TTestXL.bas ASCII-only while its Japanese text stays editable.

VBA source files are read by the VBA editor in the ANSI code page of the machine that imports them
(Shift_JIS on Japanese Windows, Windows-1252 on English Windows), so a Japanese string literal in a
.bas file is garbled on any machine whose code page differs from the author's. The module therefore
writes every Japanese text as U("...") with \\uXXXX escapes, which the module's own U() function turns
into the real characters at run time with ChrW().

    python3 scripts/vba_ja.py decode vba/TTestXL.bas > /tmp/TTestXL.readable.bas   # to read or edit
    python3 scripts/vba_ja.py encode /tmp/TTestXL.readable.bas > vba/TTestXL.bas    # back to ASCII
    python3 scripts/vba_ja.py list vba/TTestXL.bas                                  # every U() text

`encode` only touches the insides of U("...") literals and refuses non-ASCII anywhere else; its
output always has CRLF line endings (what the VBA editor writes and expects on import).
"""
import re
import sys

U_LITERAL = re.compile(r'U\("((?:[^"\r\n]|"")*)"\)')
ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})")


def encode_text(text: str) -> str:
    def enc(m: re.Match) -> str:
        inner = "".join(c if ord(c) < 128 else "\\u%04X" % ord(c) for c in m.group(1))
        return 'U("%s")' % inner

    out = U_LITERAL.sub(enc, text)
    for lineno, line in enumerate(out.splitlines(), 1):
        for ch in line:
            if ord(ch) > 127:
                raise SystemExit(
                    "line %d: non-ASCII character %r outside U(\"...\"); "
                    "put Japanese text inside U(\"...\")" % (lineno, ch)
                )
    lines = out.replace("\r\n", "\n").split("\n")
    return "\r\n".join(lines)


def decode_text(text: str) -> str:
    return U_LITERAL.sub(
        lambda m: 'U("%s")' % ESCAPE.sub(lambda e: chr(int(e.group(1), 16)), m.group(1)), text
    )


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("encode", "decode", "list"):
        raise SystemExit(__doc__)
    with open(sys.argv[2], encoding="utf-8", newline="") as f:
        text = f.read()
    if sys.argv[1] == "encode":
        sys.stdout.buffer.write(encode_text(text).encode("ascii"))
    elif sys.argv[1] == "decode":
        sys.stdout.buffer.write(decode_text(text).encode("utf-8"))
    else:
        for lineno, line in enumerate(text.splitlines(), 1):
            for m in U_LITERAL.finditer(line):
                decoded = ESCAPE.sub(lambda e: chr(int(e.group(1), 16)), m.group(1))
                print("%5d: %s" % (lineno, decoded))


if __name__ == "__main__":
    main()
