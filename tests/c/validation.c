/*
 * validation.c — the guarantees of ttest_xl.h that do not depend on any statistic:
 * version and ABI, struct layout, NULL pointers, negative lengths, unknown enum values, NaN and
 * infinite parameters (each: a status, *out untouched, a message), and the last-error readers in
 * English and Japanese, UTF-8 and UTF-16, with buffers too small; the shared sentences the VBA
 * module writes (conclusion, not tested) by the same buffer protocol.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "ttest_xl.h"

static const double X[5] = {5.1, 4.9, 6.2, 5.8, 6.0};
static const double Y[5] = {4.1, 4.5, 4.9, 5.0, 4.2};

/* ---- helpers ------------------------------------------------------------------------------ */

/* UTF-8 → UTF-16 (the test's own converter); returns the number of units. */
static size_t utf8_to_utf16(const char *s, uint16_t *out, size_t cap) {
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p) {
        uint32_t cp;
        if (*p < 0x80) {
            cp = *p++;
        } else if ((*p & 0xE0) == 0xC0) {
            cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
            p += 2;
        } else if ((*p & 0xF0) == 0xE0) {
            cp = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            p += 3;
        } else {
            cp = ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
                 ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
            p += 4;
        }
        if (cp >= 0x10000) {
            if (n + 2 <= cap) {
                out[n] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
                out[n + 1] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
            }
            n += 2;
        } else {
            if (n < cap) out[n] = (uint16_t)cp;
            n++;
        }
    }
    return n;
}

/* Checks that this thread's last error reads back as `want` through both readers, including
 * every buffer-size edge. */
static void check_message(const char *want, const char *what) {
    char buf[512];
    uint16_t want16[512], buf16[512];
    int32_t len = ttxl_last_error_utf8(NULL, 0);
    size_t want_len = strlen(want);
    size_t want16_len = utf8_to_utf16(want, want16, 512);
    int32_t cap;

    CHECK(len == (int32_t)want_len, "%s: length %d, want %d", what, (int)len, (int)want_len);
    CHECK(ttxl_last_error_utf8(buf, sizeof buf) == len, "%s: full read length", what);
    CHECK(strcmp(buf, want) == 0, "%s:\n   got  \"%s\"\n   want \"%s\"", what, buf, want);

    /* cap 0 and negative cap write nothing; NULL buffer with cap > 0 writes nothing */
    memset(buf, 'Z', sizeof buf);
    CHECK(ttxl_last_error_utf8(buf, 0) == len, "%s: cap 0", what);
    CHECK(ttxl_last_error_utf8(buf, -7) == len, "%s: cap -7", what);
    CHECK(buf[0] == 'Z', "%s: cap 0/-7 wrote into the buffer", what);
    CHECK(ttxl_last_error_utf8(NULL, 100) == len, "%s: NULL buffer, cap 100", what);
    /* cap 1: just the NUL */
    CHECK(ttxl_last_error_utf8(buf, 1) == len && buf[0] == '\0' && buf[1] == 'Z',
          "%s: cap 1", what);
    /* every smaller cap: a NUL-terminated prefix, cut at a UTF-8 character boundary */
    for (cap = 2; cap <= len; cap++) {
        size_t got;
        memset(buf, 'Z', sizeof buf);
        CHECK(ttxl_last_error_utf8(buf, cap) == len, "%s: cap %d", what, (int)cap);
        got = strlen(buf);
        CHECK(got <= (size_t)cap - 1 && got + 4 > (size_t)cap - 1, "%s: cap %d wrote %d bytes",
              what, (int)cap, (int)got);
        CHECK(strncmp(buf, want, got) == 0, "%s: cap %d not a prefix", what, (int)cap);
        CHECK(((unsigned char)want[got] & 0xC0) != 0x80, "%s: cap %d cut inside a character",
              what, (int)cap);
        CHECK(buf[got + 1] == 'Z', "%s: cap %d wrote past the NUL", what, (int)cap);
    }

    /* UTF-16 */
    len = ttxl_last_error_utf16(NULL, 0);
    CHECK(len == (int32_t)want16_len, "%s: UTF-16 length %d, want %d", what, (int)len,
          (int)want16_len);
    memset(buf16, 0xEE, sizeof buf16);
    CHECK(ttxl_last_error_utf16(buf16, 512) == len, "%s: UTF-16 full read", what);
    CHECK(memcmp(buf16, want16, want16_len * sizeof(uint16_t)) == 0 && buf16[want16_len] == 0,
          "%s: UTF-16 text differs", what);
    memset(buf16, 0xEE, sizeof buf16);
    CHECK(ttxl_last_error_utf16(buf16, 0) == len && buf16[0] == 0xEEEE, "%s: UTF-16 cap 0", what);
    CHECK(ttxl_last_error_utf16(buf16, -1) == len && buf16[0] == 0xEEEE, "%s: UTF-16 cap -1",
          what);
    if (len >= 5) {
        CHECK(ttxl_last_error_utf16(buf16, 5) == len, "%s: UTF-16 cap 5", what);
        CHECK(memcmp(buf16, want16, 4 * sizeof(uint16_t)) == 0 && buf16[4] == 0 &&
                  buf16[5] == 0xEEEE,
              "%s: UTF-16 cap 5 must hold 4 units and the NUL", what);
    }
}

/* Checks one failing call: its status, the English and Japanese messages. */
#define EXPECT_FAIL(call, status, en, ja)                                 \
    do {                                                                  \
        CHECK_STATUS(call, status, #call);                                \
        ttxl_set_language(TTXL_LANG_EN);                                  \
        check_message(en, #call " [en]");                                 \
        ttxl_set_language(TTXL_LANG_JA);                                  \
        check_message(ja, #call " [ja]");                                 \
        ttxl_set_language(TTXL_LANG_EN);                                  \
    } while (0)

/* ---- tests -------------------------------------------------------------------------------- */

static void version_and_layout(void) {
    char v[64];
    sprintf(v, "%d.%d.%d", TTXL_VERSION_MAJOR, TTXL_VERSION_MINOR, TTXL_VERSION_PATCH);
    CHECK(strcmp(v, TTXL_VERSION_STRING) == 0, "macros %s vs string %s", v, TTXL_VERSION_STRING);
    CHECK(strcmp(ttxl_version(), TTXL_VERSION_STRING) == 0, "library %s, header %s",
          ttxl_version(), TTXL_VERSION_STRING);
    CHECK(TTXL_VERSION_NUMBER ==
              TTXL_VERSION_MAJOR * 10000 + TTXL_VERSION_MINOR * 100 + TTXL_VERSION_PATCH,
          "TTXL_VERSION_NUMBER = %d", TTXL_VERSION_NUMBER);
    CHECK(ttxl_abi_version() == TTXL_ABI_VERSION, "ABI %d vs %d", (int)ttxl_abi_version(),
          TTXL_ABI_VERSION);
    CHECK(isnan(ttxl_nan()), "ttxl_nan() is not NaN");

    CHECK(sizeof(TtxlTTest) == 21 * sizeof(double), "sizeof(TtxlTTest) = %d",
          (int)sizeof(TtxlTTest));
    CHECK(offsetof(TtxlTTest, statistic) == 0 && offsetof(TtxlTTest, std_err) == 6 * 8 &&
              offsetof(TtxlTTest, cohen_d) == 13 * 8 && offsetof(TtxlTTest, missing_y) == 20 * 8,
          "TtxlTTest field offsets");
    CHECK(sizeof(TtxlRankTest) == 7 * sizeof(double), "sizeof(TtxlRankTest) = %d",
          (int)sizeof(TtxlRankTest));
    CHECK(offsetof(TtxlRankTest, rank_biserial) == 4 * 8 &&
              offsetof(TtxlRankTest, missing_y) == 6 * 8,
          "TtxlRankTest field offsets");
}

static void null_pointers(void) {
    TtxlTTest out, sentinel;
    TtxlRankTest rout, rsentinel;
    double p[3] = {0.1, 0.2, 0.3};
    memset(&sentinel, 0x5A, sizeof sentinel);
    memset(&rsentinel, 0x5A, sizeof rsentinel);
    out = sentinel;
    rout = rsentinel;

    EXPECT_FAIL(ttxl_ttest_welch(NULL, 3, Y, 5, TTXL_TWO_SIDED, 0.0, 0.95, &out), TTXL_ERR_NULL,
                "x is NULL but nx = 3: pass the address of the first value",
                "x が NULL ですが nx = 3 です。データの先頭のアドレスを渡してください");
    EXPECT_FAIL(ttxl_ttest_welch(X, 5, Y, 5, TTXL_TWO_SIDED, 0.0, 0.95, NULL), TTXL_ERR_NULL,
                "out is NULL: pass the address of the variable that receives the result",
                "out が NULL です。結果を受け取る変数のアドレスを渡してください");
    CHECK_STATUS(ttxl_ttest_welch(X, 5, NULL, 1, 0, 0.0, 0.95, &out), TTXL_ERR_NULL, "welch y");
    CHECK_STATUS(ttxl_ttest_student(NULL, 2, Y, 5, 0, 0.0, 0.95, &out), TTXL_ERR_NULL, "student");
    CHECK_STATUS(ttxl_ttest_student(X, 5, NULL, 5, 0, 0.0, 0.95, &out), TTXL_ERR_NULL,
                 "student y");
    CHECK_STATUS(ttxl_ttest_student(X, 5, Y, 5, 0, 0.0, 0.95, NULL), TTXL_ERR_NULL,
                 "student out");
    CHECK_STATUS(ttxl_ttest_paired(NULL, Y, 5, 0, 0.0, 0.95, &out), TTXL_ERR_NULL, "paired x");
    CHECK_STATUS(ttxl_ttest_paired(X, NULL, 5, 0, 0.0, 0.95, &out), TTXL_ERR_NULL, "paired y");
    CHECK_STATUS(ttxl_ttest_paired(X, Y, 5, 0, 0.0, 0.95, NULL), TTXL_ERR_NULL, "paired out");
    CHECK_STATUS(ttxl_ttest_one_sample(NULL, 5, 0, 0.0, 0.95, &out), TTXL_ERR_NULL,
                 "one sample x");
    CHECK_STATUS(ttxl_ttest_one_sample(X, 5, 0, 0.0, 0.95, NULL), TTXL_ERR_NULL,
                 "one sample out");
    CHECK_STATUS(ttxl_ttest_welch_from_stats(1, 1, 5, 2, 1, 5, 0, 0.0, 0.95, NULL), TTXL_ERR_NULL,
                 "welch from stats out");
    CHECK_STATUS(ttxl_ttest_student_from_stats(1, 1, 5, 2, 1, 5, 0, 0.0, 0.95, NULL),
                 TTXL_ERR_NULL, "student from stats out");
    CHECK(memcmp(&out, &sentinel, sizeof out) == 0, "out written on failure");

    CHECK_STATUS(ttxl_mann_whitney(NULL, 5, Y, 5, 0, 1, &rout), TTXL_ERR_NULL, "MW x");
    CHECK_STATUS(ttxl_mann_whitney(X, 5, NULL, 5, 0, 1, &rout), TTXL_ERR_NULL, "MW y");
    CHECK_STATUS(ttxl_mann_whitney(X, 5, Y, 5, 0, 1, NULL), TTXL_ERR_NULL, "MW out");
    CHECK_STATUS(ttxl_wilcoxon_signed_rank(NULL, Y, 5, 0, 1, &rout), TTXL_ERR_NULL, "SR x");
    CHECK_STATUS(ttxl_wilcoxon_signed_rank(X, NULL, 5, 0, 1, &rout), TTXL_ERR_NULL, "SR y");
    CHECK_STATUS(ttxl_wilcoxon_signed_rank(X, Y, 5, 0, 1, NULL), TTXL_ERR_NULL, "SR out");
    CHECK(memcmp(&rout, &rsentinel, sizeof rout) == 0, "rank out written on failure");

    CHECK_STATUS(ttxl_p_adjust(NULL, 3, TTXL_ADJUST_HOLM, p), TTXL_ERR_NULL, "p_adjust p");
    EXPECT_FAIL(ttxl_p_adjust(p, 3, TTXL_ADJUST_HOLM, NULL), TTXL_ERR_NULL,
                "adjusted_out is NULL but n = 3: pass the address of the first value",
                "adjusted_out が NULL ですが n = 3 です。データの先頭のアドレスを渡してください");
    CHECK(p[0] == 0.1 && p[1] == 0.2 && p[2] == 0.3, "p modified on failure");

    CHECK_STATUS(ttxl_power_ttest(0, 0, TTXL_SOLVE_POWER, 20, 0.5, 0.05, 0.8, NULL), TTXL_ERR_NULL,
                 "power result");
    CHECK_STATUS(ttxl_power_ttest_2n(0, TTXL_SOLVE_POWER, 20, 30, 0.5, 0.05, 0.8, NULL),
                 TTXL_ERR_NULL, "power 2n result");
    EXPECT_FAIL(ttxl_t_cdf(1.0, 5.0, 1, NULL), TTXL_ERR_NULL,
                "out is NULL: pass the address of the variable that receives the result",
                "out が NULL です。結果を受け取る変数のアドレスを渡してください");
    CHECK_STATUS(ttxl_t_quantile(0.5, 5.0, NULL), TTXL_ERR_NULL, "t quantile out");
}

static void negative_lengths(void) {
    TtxlTTest out, sentinel;
    TtxlRankTest rout;
    double p[2] = {0.1, 0.2};
    memset(&sentinel, 0x5A, sizeof sentinel);
    out = sentinel;

    EXPECT_FAIL(ttxl_ttest_welch(X, -1, Y, 5, 0, 0.0, 0.95, &out), TTXL_ERR_LENGTH,
                "nx = -1 is negative: a count must be 0 or more",
                "nx = -1 は負の値です。件数には 0 以上を指定してください");
    /* the length is checked before the pointer */
    CHECK_STATUS(ttxl_ttest_welch(NULL, -1, Y, 5, 0, 0.0, 0.95, &out), TTXL_ERR_LENGTH,
                 "NULL x with nx = -1");
    CHECK_STATUS(ttxl_ttest_welch(X, 5, Y, -5, 0, 0.0, 0.95, &out), TTXL_ERR_LENGTH, "ny = -5");
    CHECK_STATUS(ttxl_ttest_welch(X, INT32_MIN, Y, 5, 0, 0.0, 0.95, &out), TTXL_ERR_LENGTH,
                 "nx = INT32_MIN");
    CHECK_STATUS(ttxl_ttest_student(X, 5, Y, -1, 0, 0.0, 0.95, &out), TTXL_ERR_LENGTH,
                 "student ny");
    CHECK_STATUS(ttxl_ttest_paired(X, Y, -1, 0, 0.0, 0.95, &out), TTXL_ERR_LENGTH, "paired n");
    CHECK_STATUS(ttxl_ttest_one_sample(X, -2, 0, 0.0, 0.95, &out), TTXL_ERR_LENGTH,
                 "one sample n");
    EXPECT_FAIL(ttxl_ttest_welch_from_stats(1, 1, -3, 2, 1, 5, 0, 0.0, 0.95, &out),
                TTXL_ERR_LENGTH, "n_x = -3 is negative: a count must be 0 or more",
                "n_x = -3 は負の値です。件数には 0 以上を指定してください");
    CHECK_STATUS(ttxl_ttest_student_from_stats(1, 1, 5, 2, 1, -1, 0, 0.0, 0.95, &out),
                 TTXL_ERR_LENGTH, "student from stats n_y");
    CHECK(memcmp(&out, &sentinel, sizeof out) == 0, "out written on failure");
    CHECK_STATUS(ttxl_mann_whitney(X, -1, Y, 5, 0, 1, &rout), TTXL_ERR_LENGTH, "MW nx");
    CHECK_STATUS(ttxl_mann_whitney(X, 5, Y, -1, 0, 1, &rout), TTXL_ERR_LENGTH, "MW ny");
    CHECK_STATUS(ttxl_wilcoxon_signed_rank(X, Y, -1, 0, 1, &rout), TTXL_ERR_LENGTH, "SR n");
    CHECK_STATUS(ttxl_p_adjust(p, -1, 0, p), TTXL_ERR_LENGTH, "p_adjust n");
    /* Paired functions take one n for both arrays, so their lengths cannot disagree. */
}

static void unknown_enums(void) {
    TtxlTTest out;
    TtxlRankTest rout;
    double r = 42.0, p[2] = {0.1, 0.2};

    EXPECT_FAIL(ttxl_ttest_welch(X, 5, Y, 5, 3, 0.0, 0.95, &out), TTXL_ERR_ARGUMENT,
                "alternative = 3 is not allowed; use one of 0 (TTXL_TWO_SIDED), 1 (TTXL_LESS), "
                "2 (TTXL_GREATER)",
                "alternative = 3 は指定できません。次のいずれかを指定してください: "
                "0 (TTXL_TWO_SIDED), 1 (TTXL_LESS), 2 (TTXL_GREATER)");
    CHECK_STATUS(ttxl_ttest_student(X, 5, Y, 5, -1, 0.0, 0.95, &out), TTXL_ERR_ARGUMENT,
                 "student alternative -1");
    CHECK_STATUS(ttxl_ttest_paired(X, Y, 5, 7, 0.0, 0.95, &out), TTXL_ERR_ARGUMENT, "paired");
    CHECK_STATUS(ttxl_ttest_one_sample(X, 5, 99, 0.0, 0.95, &out), TTXL_ERR_ARGUMENT, "one");
    CHECK_STATUS(ttxl_ttest_welch_from_stats(1, 1, 5, 2, 1, 5, 3, 0.0, 0.95, &out),
                 TTXL_ERR_ARGUMENT, "from stats");
    CHECK_STATUS(ttxl_mann_whitney(X, 5, Y, 5, 3, 1, &rout), TTXL_ERR_ARGUMENT, "MW alt");
    EXPECT_FAIL(ttxl_mann_whitney(X, 5, Y, 5, 0, 2, &rout), TTXL_ERR_ARGUMENT,
                "correct = 2 is not allowed; use one of 0 (false), 1 or -1 (true; -1 is VBA's "
                "True)",
                "correct = 2 は指定できません。次のいずれかを指定してください: 0 (false), 1 or -1 "
                "(true; -1 is VBA's True)");
    CHECK_STATUS(ttxl_wilcoxon_signed_rank(X, Y, 5, 0, 5, &rout), TTXL_ERR_ARGUMENT, "SR correct");
    CHECK_STATUS(ttxl_p_adjust(p, 2, 7, p), TTXL_ERR_ARGUMENT, "method 7");
    CHECK_STATUS(ttxl_p_adjust(p, 2, -1, p), TTXL_ERR_ARGUMENT, "method -1");
    CHECK(p[0] == 0.1 && p[1] == 0.2, "p modified on failure");
    CHECK_STATUS(ttxl_power_ttest(3, 0, TTXL_SOLVE_POWER, 20, 0.5, 0.05, 0.8, &r),
                 TTXL_ERR_ARGUMENT, "design 3");
    CHECK_STATUS(ttxl_power_ttest(0, 3, TTXL_SOLVE_POWER, 20, 0.5, 0.05, 0.8, &r),
                 TTXL_ERR_ARGUMENT, "power alternative 3");
    CHECK_STATUS(ttxl_power_ttest(0, 0, 3, 20, 0.5, 0.05, 0.8, &r), TTXL_ERR_ARGUMENT,
                 "solve_for 3");
    CHECK_STATUS(ttxl_power_ttest_2n(0, -1, 20, 30, 0.5, 0.05, 0.8, &r), TTXL_ERR_ARGUMENT,
                 "2n solve_for -1");
    CHECK_STATUS(ttxl_t_cdf(1.0, 5.0, 2, &r), TTXL_ERR_ARGUMENT, "lower_tail 2");
    CHECK(r == 42.0, "result written on failure");
    EXPECT_FAIL(ttxl_set_language(2), TTXL_ERR_ARGUMENT,
                "language = 2 is not allowed; use one of 0 (TTXL_LANG_EN), 1 (TTXL_LANG_JA)",
                "language = 2 は指定できません。次のいずれかを指定してください: "
                "0 (TTXL_LANG_EN), 1 (TTXL_LANG_JA)");
}

static void bad_parameters(void) {
    TtxlTTest out, sentinel;
    double r = 42.0;
    const double nan = ttxl_nan();
    memset(&sentinel, 0x5A, sizeof sentinel);
    out = sentinel;

    EXPECT_FAIL(ttxl_ttest_welch(X, 5, Y, 5, 0, nan, 0.95, &out), TTXL_ERR_ARGUMENT,
                "invalid argument mu: must be a finite number",
                "引数 mu が正しくありません: 有限の数値を指定してください");
    CHECK_STATUS(ttxl_ttest_welch(X, 5, Y, 5, 0, INFINITY, 0.95, &out), TTXL_ERR_ARGUMENT,
                 "mu Inf");
    EXPECT_FAIL(ttxl_ttest_welch(X, 5, Y, 5, 0, 0.0, 1.0, &out), TTXL_ERR_ARGUMENT,
                "invalid argument conf_level: must be between 0 and 1 (exclusive)",
                "引数 conf_level が正しくありません: 0 より大きく 1 より小さい値を指定してください");
    CHECK_STATUS(ttxl_ttest_welch(X, 5, Y, 5, 0, 0.0, 0.0, &out), TTXL_ERR_ARGUMENT, "conf 0");
    CHECK_STATUS(ttxl_ttest_welch(X, 5, Y, 5, 0, 0.0, nan, &out), TTXL_ERR_ARGUMENT, "conf NaN");
    CHECK_STATUS(ttxl_ttest_welch(X, 5, Y, 5, 0, 0.0, 95.0, &out), TTXL_ERR_ARGUMENT, "conf 95");
    CHECK_STATUS(ttxl_ttest_student(X, 5, Y, 5, 0, 0.0, -INFINITY, &out), TTXL_ERR_ARGUMENT,
                 "conf -Inf");
    CHECK_STATUS(ttxl_ttest_paired(X, Y, 5, 0, -INFINITY, 0.95, &out), TTXL_ERR_ARGUMENT,
                 "paired mu");
    CHECK_STATUS(ttxl_ttest_one_sample(X, 5, 0, nan, 0.95, &out), TTXL_ERR_ARGUMENT, "one mu");
    CHECK_STATUS(ttxl_ttest_welch_from_stats(nan, 1, 5, 2, 1, 5, 0, 0.0, 0.95, &out),
                 TTXL_ERR_ARGUMENT, "mean_x NaN");
    CHECK_STATUS(ttxl_ttest_welch_from_stats(1, INFINITY, 5, 2, 1, 5, 0, 0.0, 0.95, &out),
                 TTXL_ERR_ARGUMENT, "sd_x Inf");
    EXPECT_FAIL(ttxl_ttest_student_from_stats(1, 1, 5, 2, -1, 5, 0, 0.0, 0.95, &out),
                TTXL_ERR_ARGUMENT,
                "invalid argument sd_y: a standard deviation cannot be negative",
                "引数 sd_y が正しくありません: 標準偏差に負の値は指定できません");
    CHECK(memcmp(&out, &sentinel, sizeof out) == 0, "out written on failure");

    CHECK_STATUS(ttxl_power_ttest(0, 0, TTXL_SOLVE_POWER, 20, 0.5, nan, 0.8, &r),
                 TTXL_ERR_ARGUMENT, "alpha NaN");
    CHECK_STATUS(ttxl_power_ttest(0, 0, TTXL_SOLVE_POWER, 20, 0.5, 1.0, 0.8, &r),
                 TTXL_ERR_ARGUMENT, "alpha 1");
    CHECK_STATUS(ttxl_power_ttest(0, 0, TTXL_SOLVE_POWER, 20, nan, 0.05, 0.8, &r),
                 TTXL_ERR_ARGUMENT, "d NaN when solving for power");
    CHECK_STATUS(ttxl_power_ttest(0, 0, TTXL_SOLVE_POWER, INFINITY, 0.5, 0.05, 0.8, &r),
                 TTXL_ERR_ARGUMENT, "n Inf when solving for power");
    CHECK_STATUS(ttxl_power_ttest(0, 0, TTXL_SOLVE_N, 20, 0.5, 0.05, 1.2, &r), TTXL_ERR_ARGUMENT,
                 "power 1.2 when solving for n");
    CHECK_STATUS(ttxl_power_ttest(0, 0, TTXL_SOLVE_D, 20, 0.5, 0.05, nan, &r), TTXL_ERR_ARGUMENT,
                 "power NaN when solving for d");
    CHECK_STATUS(ttxl_power_ttest_2n(0, TTXL_SOLVE_N, nan, 30, 0.5, 0.05, 0.8, &r),
                 TTXL_ERR_ARGUMENT, "n1 NaN");
    CHECK_STATUS(ttxl_power_ttest_2n(0, TTXL_SOLVE_POWER, 20, -INFINITY, 0.5, 0.05, 0.8, &r),
                 TTXL_ERR_ARGUMENT, "n2 -Inf when solving for power");
    EXPECT_FAIL(ttxl_t_cdf(nan, 5.0, 1, &r), TTXL_ERR_ARGUMENT,
                "invalid argument t: is NaN (not a number)",
                "引数 t が正しくありません: NaN（非数）は指定できません");
    EXPECT_FAIL(ttxl_t_cdf(1.0, 0.0, 1, &r), TTXL_ERR_ARGUMENT,
                "invalid argument df: must be positive (infinity gives the normal distribution)",
                "引数 df が正しくありません: 正の値を指定してください（無限大を指定すると正規分布として計算します）");
    CHECK_STATUS(ttxl_t_cdf(1.0, nan, 1, &r), TTXL_ERR_ARGUMENT, "df NaN");
    CHECK_STATUS(ttxl_t_cdf(1.0, -3.0, 0, &r), TTXL_ERR_ARGUMENT, "df -3");
    EXPECT_FAIL(ttxl_t_quantile(1.5, 5.0, &r), TTXL_ERR_ARGUMENT,
                "invalid argument p: must be a probability between 0 and 1",
                "引数 p が正しくありません: 0 以上 1 以下の確率を指定してください");
    CHECK_STATUS(ttxl_t_quantile(nan, 5.0, &r), TTXL_ERR_ARGUMENT, "p NaN");
    CHECK_STATUS(ttxl_t_quantile(-0.1, 5.0, &r), TTXL_ERR_ARGUMENT, "p -0.1");
    CHECK_STATUS(ttxl_t_quantile(0.5, nan, &r), TTXL_ERR_ARGUMENT, "quantile df NaN");
    CHECK(r == 42.0, "result written on failure");
}

/* The last error: per-call lifecycle and the language switch. */
static void last_error_lifecycle(void) {
    double r = 0.0;
    char buf[8];

    /* a success clears the last error (t_cdf needs no other engine part) */
    CHECK_STATUS(ttxl_t_quantile(2.0, 5.0, &r), TTXL_ERR_ARGUMENT, "fail first");
    CHECK(ttxl_last_error_utf8(NULL, 0) > 0, "message expected");
    CHECK_STATUS(ttxl_t_cdf(0.0, 5.0, 1, &r), TTXL_OK, "t_cdf(0, 5)");
    CHECK(r == 0.5, "pt(0, 5) = 0.5, got %.17g", r);
    CHECK(ttxl_last_error_utf8(NULL, 0) == 0 && ttxl_last_error_utf16(NULL, 0) == 0,
          "last error not cleared by success");
    memset(buf, 'Z', sizeof buf);
    CHECK(ttxl_last_error_utf8(buf, sizeof buf) == 0 && buf[0] == '\0', "empty message");

    /* set_language does not clear the last error and applies to the recorded error */
    CHECK_STATUS(ttxl_t_quantile(2.0, 5.0, &r), TTXL_ERR_ARGUMENT, "fail again");
    CHECK_STATUS(ttxl_set_language(TTXL_LANG_JA), TTXL_OK, "set ja");
    check_message("引数 p が正しくありません: 0 以上 1 以下の確率を指定してください",
                  "recorded error in Japanese");
    /* an invalid language leaves the language unchanged */
    CHECK_STATUS(ttxl_set_language(-1), TTXL_ERR_ARGUMENT, "language -1");
    check_message("language = -1 は指定できません。次のいずれかを指定してください: "
                  "0 (TTXL_LANG_EN), 1 (TTXL_LANG_JA)",
                  "language unchanged after a bad value");
    CHECK_STATUS(ttxl_set_language(TTXL_LANG_EN), TTXL_OK, "set en");
    check_message("language = -1 is not allowed; use one of 0 (TTXL_LANG_EN), 1 (TTXL_LANG_JA)",
                  "same error in English");
}

/* ---- the shared sentences (what the VBA module writes, by the buffer protocol) ------------- */

/* Checks that a UTF-16 text of `n` units at `buf` is `want` (UTF-8). */
static void check_text(const uint16_t *buf, int32_t n, const char *want, const char *what) {
    uint16_t want16[512];
    size_t want_len = utf8_to_utf16(want, want16, 512);
    CHECK(n == (int32_t)want_len && memcmp(buf, want16, want_len * sizeof *buf) == 0 && buf[n] == 0,
          "%s: length %d, want %d (%s)", what, (int)n, (int)want_len, want);
}

static void shared_sentences(void) {
    uint16_t before[8], after[8], reasons[32], scope[8], item[8], reason[16], buf[512];
    int32_t nb = (int32_t)utf8_to_utf16("事前", before, 8), na = (int32_t)utf8_to_utf16("事後", after, 8);
    int32_t nr = (int32_t)utf8_to_utf16("n = 1\nn = 0\nn = 1", reasons, 32);
    int32_t ns = (int32_t)utf8_to_utf16("総務課", scope, 8), ni = (int32_t)utf8_to_utf16("Q2", item, 8);
    int32_t nreason = (int32_t)utf8_to_utf16("n = 1", reason, 16);
    int32_t n = -1, st;

    /* Size query, one unit short (nothing written), then the sentence. */
    st = ttxl_conclusion_sentence_utf16(15, 2, 1, 1, TTXL_TEST_PAIRED, TTXL_ADJUST_HOLM, 0.05, NULL, 0, before,
                                        nb, after, na, reasons, nr, TTXL_LANG_JA, NULL, 0, &n);
    CHECK_STATUS(st, TTXL_ERR_BUFFER, "conclusion: size query");
    CHECK(n > 40 && n < 511, "conclusion: length %d", (int)n);
    memset(buf, 0xFF, sizeof buf);
    st = ttxl_conclusion_sentence_utf16(15, 2, 1, 1, TTXL_TEST_PAIRED, TTXL_ADJUST_HOLM, 0.05, NULL, 0, before,
                                        nb, after, na, reasons, nr, TTXL_LANG_JA, buf, n, &n);
    CHECK_STATUS(st, TTXL_ERR_BUFFER, "conclusion: one unit short");
    CHECK(buf[0] == 0xFFFF, "conclusion: a short buffer is not touched");
    st = ttxl_conclusion_sentence_utf16(15, 2, 1, 1, TTXL_TEST_PAIRED, TTXL_ADJUST_HOLM, 0.05, NULL, 0, before,
                                        nb, after, na, reasons, nr, TTXL_LANG_JA, buf, n + 1, &n);
    CHECK_STATUS(st, TTXL_OK, "conclusion");
    check_text(buf, n,
               "15 問について、対応のある t 検定を行った（有意水準 .05、Holm 法による補正）。「事前」と「事後」の間に"
               "有意な差があったのは 3 問であった（「事後」のほうが高い: 2 問、低い: 1 問）。1 問は検定できなかった"
               "（備考の列を参照）。",
               "conclusion in Japanese");
    st = ttxl_conclusion_sentence_utf16(0, 0, 0, 3, TTXL_TEST_WELCH, TTXL_ADJUST_HOLM, 0.05, scope, ns, before, nb,
                                        after, na, reasons, nr, TTXL_LANG_EN, buf, 512, &n);
    CHECK_STATUS(st, TTXL_OK, "conclusion without a tested item");
    check_text(buf, n, "[総務課] No item could be tested (3 item(s)): n = 1; n = 0 (see the Note column).",
               "conclusion without a tested item");

    /* Refused arguments. */
    st = ttxl_conclusion_sentence_utf16(2, 2, 1, 0, TTXL_TEST_PAIRED, TTXL_ADJUST_HOLM, 0.05, NULL, 0, NULL, 0,
                                        NULL, 0, NULL, 0, TTXL_LANG_EN, buf, 512, &n);
    CHECK_STATUS(st, TTXL_ERR_ARGUMENT, "conclusion: more significant than tested");
    st = ttxl_conclusion_sentence_utf16(2, 0, 0, 0, 9, TTXL_ADJUST_HOLM, 0.05, NULL, 0, NULL, 0, NULL, 0, NULL, 0,
                                        TTXL_LANG_EN, buf, 512, &n);
    CHECK_STATUS(st, TTXL_ERR_ARGUMENT, "conclusion: unknown test");
    st = ttxl_conclusion_sentence_utf16(2, 0, 0, 0, TTXL_TEST_PAIRED, TTXL_ADJUST_HOLM, 0.05, NULL, 0, NULL, 2,
                                        NULL, 0, NULL, 0, TTXL_LANG_EN, buf, 512, &n);
    CHECK_STATUS(st, TTXL_ERR_NULL, "conclusion: NULL label with a length");
    st = ttxl_conclusion_sentence_utf16(2, 0, 0, 0, TTXL_TEST_PAIRED, TTXL_ADJUST_HOLM, 0.05, NULL, 0, NULL, 0,
                                        NULL, 0, NULL, 0, TTXL_LANG_EN, buf, 512, NULL);
    CHECK_STATUS(st, TTXL_ERR_NULL, "conclusion: NULL length");
    st = ttxl_conclusion_sentence_utf16(2, 0, 0, 0, TTXL_TEST_PAIRED, TTXL_ADJUST_HOLM, 0.05, NULL, 0, NULL, 0,
                                        NULL, 0, NULL, 0, TTXL_LANG_EN, buf, -1, &n);
    CHECK_STATUS(st, TTXL_ERR_LENGTH, "conclusion: negative cap");

    st = ttxl_not_tested_sentence_utf16(item, ni, reason, nreason, TTXL_LANG_JA, buf, 512, &n);
    CHECK_STATUS(st, TTXL_OK, "not tested");
    check_text(buf, n, "Q2: 検定できなかった。理由: n = 1。", "not tested in Japanese");
    st = ttxl_not_tested_sentence_utf16(item, ni, reason, nreason, TTXL_LANG_EN, buf, 512, &n);
    CHECK_STATUS(st, TTXL_OK, "not tested");
    check_text(buf, n, "Q2: not tested — n = 1.", "not tested in English");
    st = ttxl_not_tested_sentence_utf16(NULL, 2, reason, nreason, TTXL_LANG_EN, buf, 512, &n);
    CHECK_STATUS(st, TTXL_ERR_NULL, "not tested: NULL item with a length");
}

int main(void) {
    version_and_layout();
    null_pointers();
    negative_lengths();
    unknown_enums();
    bad_parameters();
    last_error_lifecycle();
    shared_sentences();
    return check_report("validation");
}
