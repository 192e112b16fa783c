/*
 * check.h — tiny assertion helpers shared by the C test programs in tests/c/, and the case
 * types of the generated ffi_expected.h (written by tests/c_abi.rs from
 * tests/reference/ffi.json, whose values come from R; see tests/reference/ffi.R).
 */
#ifndef TTXL_CHECK_H
#define TTXL_CHECK_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int check_failures = 0;
static int check_count = 0;

/* Records one check; prints the location and a message when it fails. */
#define CHECK(cond, ...)                                                    \
    do {                                                                    \
        check_count++;                                                      \
        if (!(cond)) {                                                      \
            check_failures++;                                               \
            fprintf(stderr, "FAILED %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                   \
            fprintf(stderr, "\n");                                          \
        }                                                                   \
    } while (0)

/* Checks a status code. */
#define CHECK_STATUS(got, want, what)                                                    \
    do {                                                                                 \
        int32_t got_ = (got);                                                            \
        CHECK(got_ == (want), "%s: status %d, want %d (%s)", what, (int)got_, (int)(want), \
              #want);                                                                    \
    } while (0)

/*
 * |got - want| <= rel * |want| + abs_tol; NaN matches only NaN; infinities must be equal.
 */
static inline int near(double got, double want, double rel, double abs_tol) {
    if (isnan(want)) return isnan(got);
    if (isinf(want)) return got == want;
    if (isnan(got) || isinf(got)) return 0;
    return fabs(got - want) <= rel * fabs(want) + abs_tol;
}

#define CHECK_NEAR(got, want, rel, abs_tol, ...)                                        \
    do {                                                                                \
        double g_ = (got), w_ = (want);                                                 \
        check_count++;                                                                  \
        if (!near(g_, w_, rel, abs_tol)) {                                              \
            check_failures++;                                                           \
            fprintf(stderr, "FAILED %s:%d: got %.17g, want %.17g (rel %g, abs %g): ",   \
                    __FILE__, __LINE__, g_, w_, (double)(rel), (double)(abs_tol));      \
            fprintf(stderr, __VA_ARGS__);                                               \
            fprintf(stderr, "\n");                                                      \
        }                                                                               \
    } while (0)

/* Prints the summary and returns the process exit code. */
static inline int check_report(const char *program) {
    if (check_failures) {
        fprintf(stderr, "%s: %d of %d checks FAILED\n", program, check_failures, check_count);
        return 1;
    }
    printf("%s: all %d checks passed\n", program, check_count);
    return 0;
}

/* ---- case types used by the generated ffi_expected.h -------------------------------------- */

typedef struct {
    const char *fn; /* "welch", "student", "paired", "one_sample" */
    const double *x;
    int32_t nx;
    const double *y; /* NULL for one_sample */
    int32_t ny;
    int32_t alternative;
    double mu;
    double conf_level;
    const char *r;      /* the R call that produced `expect` */
    double expect[21];  /* TtxlTTest fields in order */
} TTestCase;

typedef struct {
    const char *fn; /* "welch", "student" */
    double mean_x, sd_x;
    int32_t n_x;
    double mean_y, sd_y;
    int32_t n_y;
    int32_t alternative;
    double mu;
    double conf_level;
    const char *r;
    double expect[21];
} TTestStatsCase;

typedef struct {
    const char *fn; /* "mann_whitney", "signed_rank" */
    const double *x;
    int32_t nx;
    const double *y;
    int32_t ny;
    int32_t alternative;
    int32_t correct;
    const char *r;
    double expect[7]; /* TtxlRankTest fields in order */
} RankCase;

typedef struct {
    const double *p;
    int32_t n;
    int32_t method;
    const char *r;
    const double *expect; /* n values */
} PAdjustCase;

typedef struct {
    int32_t design, alternative, solve_for;
    double n, d, alpha, power; /* the solved-for input is NaN: it must be ignored */
    const char *r;
    double expect;
} PowerCase;

typedef struct {
    int32_t alternative, solve_for;
    double n1, n2, d, alpha, power;
    const char *r;
    double expect;
} Power2nCase;

typedef struct {
    double t, df;
    int32_t lower_tail;
    const char *r;
    double expect;
} TCdfCase;

typedef struct {
    double p, df;
    const char *r;
    double expect;
} TQuantileCase;

#include "ttest_xl.h"

/* Field name i of TtxlTTest, for messages. */
static inline const char *ttest_field(int i) {
    static const char *const names[21] = {
        "statistic", "df",       "p_value",   "estimate",    "conf_low",     "conf_high",
        "std_err",   "n_x",      "n_y",       "mean_x",      "mean_y",       "sd_x",
        "sd_y",      "cohen_d",  "cohen_d_low", "cohen_d_high", "hedges_g",  "hedges_g_low",
        "hedges_g_high", "missing_x", "missing_y"};
    return names[i];
}

/* Field name i of TtxlRankTest, for messages. */
static inline const char *rank_field(int i) {
    static const char *const names[7] = {"statistic", "p_value",   "n_x",      "n_y",
                                         "rank_biserial", "missing_x", "missing_y"};
    return names[i];
}

/* The fields of a TtxlTTest by name, in the documented order. */
static inline void ttest_fields(const TtxlTTest *t, double f[21]) {
    f[0] = t->statistic; f[1] = t->df; f[2] = t->p_value; f[3] = t->estimate;
    f[4] = t->conf_low; f[5] = t->conf_high; f[6] = t->std_err; f[7] = t->n_x; f[8] = t->n_y;
    f[9] = t->mean_x; f[10] = t->mean_y; f[11] = t->sd_x; f[12] = t->sd_y;
    f[13] = t->cohen_d; f[14] = t->cohen_d_low; f[15] = t->cohen_d_high;
    f[16] = t->hedges_g; f[17] = t->hedges_g_low; f[18] = t->hedges_g_high;
    f[19] = t->missing_x; f[20] = t->missing_y;
}

/* The fields of a TtxlRankTest by name, in the documented order. */
static inline void rank_fields(const TtxlRankTest *r, double f[7]) {
    f[0] = r->statistic; f[1] = r->p_value; f[2] = r->n_x; f[3] = r->n_y;
    f[4] = r->rank_biserial; f[5] = r->missing_x; f[6] = r->missing_y;
}

/* This thread's last error as UTF-8 in buf (NUL-terminated, truncated to cap). */
static inline const char *last_error(char *buf, int32_t cap) {
    buf[0] = '\0';
    ttxl_last_error_utf8(buf, cap);
    return buf;
}

#endif /* TTXL_CHECK_H */
