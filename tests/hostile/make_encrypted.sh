#!/bin/sh
# Makes tests/hostile/encrypted.xlsx: examples/staff_survey.xlsx protected with the password
# "ttest-xl" (ECMA-376 agile encryption, an OLE compound file holding EncryptedPackage — what
# Excel writes for File > Info > Protect Workbook > Encrypt with Password).
# Needs msoffcrypto-tool from PyPI (pip install msoffcrypto-tool; 6.1.0 was used).
# Run from the repository root: sh tests/hostile/make_encrypted.sh
set -eu
msoffcrypto-tool -e -p ttest-xl examples/staff_survey.xlsx tests/hostile/encrypted.xlsx
# Check: it decrypts back to the original.
msoffcrypto-tool -p ttest-xl tests/hostile/encrypted.xlsx /tmp/ttxl-decrypted.xlsx
cmp /tmp/ttxl-decrypted.xlsx examples/staff_survey.xlsx
rm -f /tmp/ttxl-decrypted.xlsx
echo "wrote tests/hostile/encrypted.xlsx"
