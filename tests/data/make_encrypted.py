"""Makes the password-protected fixtures (password: "secret").

  tests/data/hostile/encrypted.xlsx  OOXML encrypted with msoffcrypto-tool (pip install msoffcrypto-tool)
  tests/data/hostile/encrypted.xls   BIFF8 saved with a password by LibreOffice (python3-uno, soffice)

Run from the repository root, with a Python that has msoffcrypto-tool for the first and one that
has LibreOffice's uno module (Debian: /usr/bin/python3 with python3-uno) for the second:

  python3 tests/data/make_encrypted.py xlsx
  /usr/bin/python3 tests/data/make_encrypted.py xls
"""
import os
import subprocess
import sys
import tempfile
import time

SRC = os.path.abspath("examples/staff_survey.xlsx")
OUT = os.path.abspath("tests/data/hostile")


def encrypted_xlsx():
    import msoffcrypto.format.ooxml as ooxml

    with open(SRC, "rb") as src, open(os.path.join(OUT, "encrypted.xlsx"), "wb") as dst:
        ooxml.OOXMLFile(src).encrypt("secret", dst)


def encrypted_xls():
    """LibreOffice writes an .xls with a FILEPASS record when given a password."""
    import uno
    from com.sun.star.beans import PropertyValue

    def pv(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    profile = tempfile.mkdtemp()
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
         "--accept=socket,host=localhost,port=2302;urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve("uno:socket,host=localhost,port=2302;urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    else:
        sys.exit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(SRC), "_blank", 0, (pv("Hidden", True),))
    doc.storeToURL(uno.systemPathToFileUrl(os.path.join(OUT, "encrypted.xls")),
                   (pv("FilterName", "MS Excel 97"), pv("Password", "secret")))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
    office.wait(timeout=60)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for what in sys.argv[1:] or ["xlsx", "xls"]:
        {"xlsx": encrypted_xlsx, "xls": encrypted_xls}[what]()
