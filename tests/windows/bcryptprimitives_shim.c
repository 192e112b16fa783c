/*
 * TEST-ONLY stand-in for bcryptprimitives.dll under Wine 8. NEVER SHIP THIS FILE'S DLL.
 *
 * Rust >= 1.78's standard library imports ProcessPrng from bcryptprimitives.dll, which every
 * Windows 10+ installation has but Wine 8 does not. scripts/windows-check.sh builds this shim with
 * mingw and places it next to the test executables only (the loader looks in the executable's
 * folder first); scripts/bundle-windows.sh asserts that it is not in the release bundle.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives_shim.c -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

/* ProcessPrng: fill pbData with cbData random bytes. Documented to always return TRUE. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE pbData, SIZE_T cbData)
{
    while (cbData > 0) {
        ULONG chunk = cbData > 0x40000000u ? 0x40000000u : (ULONG)cbData;
        if (BCryptGenRandom(NULL, pbData, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) {
            return FALSE;
        }
        pbData += chunk;
        cbData -= chunk;
    }
    return TRUE;
}
