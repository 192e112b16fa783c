/*
 * hold_open.exe MODE FILE RELEASE: keeps FILE open the way a spreadsheet program does, until the
 * file RELEASE exists (or 120 s have passed), so that scripts/windows-check.sh can run
 * ttest-xl.exe against an output that is "open in Excel" under Wine.
 *
 *   MODE excel    read access, FILE_SHARE_READ only: like Excel holding an open workbook.
 *                 Opening FILE for writing fails with ERROR_SHARING_VIOLATION.
 *   MODE nodelete read access, FILE_SHARE_READ | FILE_SHARE_WRITE: writers may open the file,
 *                 but it cannot be renamed over or deleted (the last step of an atomic write).
 *
 * Prints "holding" on stdout once the file is open; exit status 0 after release, 2 on error.
 */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv)
{
    DWORD share;
    HANDLE h;
    int waited;

    if (argc != 4) {
        fprintf(stderr, "usage: hold_open.exe excel|nodelete FILE RELEASE\n");
        return 2;
    }
    if (wcscmp(argv[1], L"excel") == 0) {
        share = FILE_SHARE_READ;
    } else if (wcscmp(argv[1], L"nodelete") == 0) {
        share = FILE_SHARE_READ | FILE_SHARE_WRITE;
    } else {
        fprintf(stderr, "unknown mode\n");
        return 2;
    }
    h = CreateFileW(argv[2], GENERIC_READ, share, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "CreateFileW failed: error %lu\n", (unsigned long)GetLastError());
        return 2;
    }
    printf("holding\n");
    fflush(stdout);
    for (waited = 0; waited < 1200; waited++) {
        if (GetFileAttributesW(argv[3]) != INVALID_FILE_ATTRIBUTES) {
            break;
        }
        Sleep(100);
    }
    CloseHandle(h);
    return 0;
}
