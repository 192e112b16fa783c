/*
 * results.c — every computing function of ttest_xl.h against R's values (tests/reference/ffi.R →
 * ffi.json → the generated ffi_expected.h), plus the statuses the engine reports for data it
 * cannot use (too few values, zero variance, infinite values, p-values outside [0, 1]).
 *
 * Tolerances (from tests/common/mod.rs via ffi_expected.h): REL_TTEST for t-test, rank, p-adjust
 * and t-distribution values; REL_NCT for power; ABS_D_CI for the confidence limits of d and g,
 * because effectsize's own optimiser stops near 1e-7 (ttest-xl solves them to full precision,
 * which the engine's tests check against tightly solved R values).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "ffi_expected.h"
#include "ttest_xl.h"

static int is_ci_of_d(int field) {
    return field == 14 || field == 15 || field == 17 || field == 18;
}

static void check_ttest(const char *name, const char *r, const TtxlTTest *got, const double *want) {
    double f[21];
    int i;
    ttest_fields(got, f);
    for (i = 0; i < 21; i++) {
        if (is_ci_of_d(i)) {
            CHECK_NEAR(f[i], want[i], 0.0, ABS_D_CI, "%s %s [R: %s]", name, ttest_field(i), r);
        } else {
            CHECK_NEAR(f[i], want[i], REL_TTEST, 1e-14, "%s %s [R: %s]", name, ttest_field(i), r);
        }
    }
}

static void ttests(void) {
    int i;
    for (i = 0; i < N_TTEST_CASES; i++) {
        const TTestCase *c = &TTEST_CASES[i];
        TtxlTTest out;
        int32_t status;
        memset(&out, 0, sizeof out);
        if (strcmp(c->fn, "welch") == 0) {
            status = ttxl_ttest_welch(c->x, c->nx, c->y, c->ny, c->alternative, c->mu,
                                      c->conf_level, &out);
        } else if (strcmp(c->fn, "student") == 0) {
            status = ttxl_ttest_student(c->x, c->nx, c->y, c->ny, c->alternative, c->mu,
                                        c->conf_level, &out);
        } else if (strcmp(c->fn, "paired") == 0) {
            CHECK(c->nx == c->ny, "paired case with different lengths");
            status = ttxl_ttest_paired(c->x, c->y, c->nx, c->alternative, c->mu, c->conf_level,
                                       &out);
        } else {
            status = ttxl_ttest_one_sample(c->x, c->nx, c->alternative, c->mu, c->conf_level,
                                           &out);
        }
        CHECK_STATUS(status, TTXL_OK, c->r);
        if (status == TTXL_OK) check_ttest(c->fn, c->r, &out, c->expect);
    }
    for (i = 0; i < N_TTEST_STATS_CASES; i++) {
        const TTestStatsCase *c = &TTEST_STATS_CASES[i];
        TtxlTTest out;
        int32_t status;
        if (strcmp(c->fn, "welch") == 0) {
            status = ttxl_ttest_welch_from_stats(c->mean_x, c->sd_x, c->n_x, c->mean_y, c->sd_y,
                                                 c->n_y, c->alternative, c->mu, c->conf_level,
                                                 &out);
        } else {
            status = ttxl_ttest_student_from_stats(c->mean_x, c->sd_x, c->n_x, c->mean_y,
                                                   c->sd_y, c->n_y, c->alternative, c->mu,
                                                   c->conf_level, &out);
        }
        CHECK_STATUS(status, TTXL_OK, c->r);
        if (status == TTXL_OK) check_ttest("from_stats", c->r, &out, c->expect);
    }
}

static void rank_tests(void) {
    int i, k;
    for (i = 0; i < N_RANK_CASES; i++) {
        const RankCase *c = &RANK_CASES[i];
        TtxlRankTest out;
        double f[7];
        int32_t status;
        if (strcmp(c->fn, "mann_whitney") == 0) {
            status = ttxl_mann_whitney(c->x, c->nx, c->y, c->ny, c->alternative, c->correct, &out);
        } else {
            CHECK(c->nx == c->ny, "paired case with different lengths");
            status = ttxl_wilcoxon_signed_rank(c->x, c->y, c->nx, c->alternative, c->correct,
                                               &out);
        }
        CHECK_STATUS(status, TTXL_OK, c->r);
        if (status != TTXL_OK) continue;
        rank_fields(&out, f);
        for (k = 0; k < 7; k++) {
            CHECK_NEAR(f[k], c->expect[k], REL_TTEST, 1e-14, "%s %s [R: %s]", c->fn,
                       rank_field(k), c->r);
        }
    }
}

static void p_adjust(void) {
    int i, k;
    for (i = 0; i < N_P_ADJUST_CASES; i++) {
        const PAdjustCase *c = &P_ADJUST_CASES[i];
        double out[64], in_place[64];
        int32_t status;
        CHECK(c->n <= 64, "case too long");
        status = ttxl_p_adjust(c->p, c->n, c->method, out);
        CHECK_STATUS(status, TTXL_OK, c->r);
        for (k = 0; k < c->n && status == TTXL_OK; k++) {
            CHECK_NEAR(out[k], c->expect[k], REL_TTEST, 1e-15, "p[%d] [R: %s]", k, c->r);
        }
        /* adjusted_out may be the input array itself */
        memcpy(in_place, c->p, sizeof(double) * (size_t)c->n);
        CHECK_STATUS(ttxl_p_adjust(in_place, c->n, c->method, in_place), TTXL_OK, "in place");
        for (k = 0; k < c->n; k++) {
            CHECK_NEAR(in_place[k], c->expect[k], REL_TTEST, 1e-15, "in place p[%d] [R: %s]", k,
                       c->r);
        }
    }
}

static void power(void) {
    int i;
    for (i = 0; i < N_POWER_CASES; i++) {
        const PowerCase *c = &POWER_CASES[i];
        double out = -1.0;
        int32_t status = ttxl_power_ttest(c->design, c->alternative, c->solve_for, c->n, c->d,
                                          c->alpha, c->power, &out);
        CHECK_STATUS(status, TTXL_OK, c->r);
        CHECK_NEAR(out, c->expect, REL_NCT, 0.0, "[R: %s]", c->r);
    }
    for (i = 0; i < N_POWER_2N_CASES; i++) {
        const Power2nCase *c = &POWER_2N_CASES[i];
        double out = -1.0;
        int32_t status = ttxl_power_ttest_2n(c->alternative, c->solve_for, c->n1, c->n2, c->d,
                                             c->alpha, c->power, &out);
        CHECK_STATUS(status, TTXL_OK, c->r);
        CHECK_NEAR(out, c->expect, REL_NCT, 0.0, "[R: %s]", c->r);
    }
}

static void t_distribution(void) {
    int i;
    for (i = 0; i < N_T_CDF_CASES; i++) {
        const TCdfCase *c = &T_CDF_CASES[i];
        double out = -1.0;
        CHECK_STATUS(ttxl_t_cdf(c->t, c->df, c->lower_tail, &out), TTXL_OK, c->r);
        CHECK_NEAR(out, c->expect, REL_TTEST, 0.0, "[R: %s]", c->r);
    }
    for (i = 0; i < N_T_QUANTILE_CASES; i++) {
        const TQuantileCase *c = &T_QUANTILE_CASES[i];
        double out = -1.0;
        CHECK_STATUS(ttxl_t_quantile(c->p, c->df, &out), TTXL_OK, c->r);
        CHECK_NEAR(out, c->expect, REL_TTEST, 0.0, "[R: %s]", c->r);
    }
    /* VBA's True (-1) is accepted as lower_tail = true. */
    {
        double a = -1.0, b = -2.0;
        CHECK_STATUS(ttxl_t_cdf(1.0, 3.0, 1, &a), TTXL_OK, "lower_tail 1");
        CHECK_STATUS(ttxl_t_cdf(1.0, 3.0, -1, &b), TTXL_OK, "lower_tail -1");
        CHECK(a == b, "lower_tail -1 gives %.17g, 1 gives %.17g", b, a);
    }
}

/* NaN means missing: appending NaNs changes nothing but the missing counts. */
static void missing_values(void) {
    const TTestCase *c = &TTEST_CASES[0];
    double x[64], y[64];
    TtxlTTest a, b;
    int32_t nx = c->nx, ny = c->ny;
    memcpy(x, c->x, sizeof(double) * (size_t)nx);
    memcpy(y, c->y, sizeof(double) * (size_t)ny);
    x[nx++] = ttxl_nan();
    y[ny++] = ttxl_nan();
    y[ny++] = ttxl_nan();
    CHECK_STATUS(ttxl_ttest_welch(c->x, c->nx, c->y, c->ny, 0, 0.0, 0.95, &a), TTXL_OK, "welch");
    CHECK_STATUS(ttxl_ttest_welch(x, nx, y, ny, 0, 0.0, 0.95, &b), TTXL_OK, "welch + NaN");
    CHECK(a.statistic == b.statistic && a.p_value == b.p_value && a.cohen_d == b.cohen_d,
          "NaN must be skipped");
    CHECK(b.missing_x == a.missing_x + 1 && b.missing_y == a.missing_y + 2,
          "missing counts %g %g", b.missing_x, b.missing_y);
}

/* Data the engine cannot use: a status, a message in both languages, *out untouched. */
static void engine_errors(void) {
    const double one[1] = {1.0};
    const double three[3] = {1.0, 2.0, 4.0};
    const double flat[3] = {2.0, 2.0, 2.0};
    const double flat2[3] = {3.0, 3.0, 3.0};
    const double all_nan[3] = {NAN, NAN, NAN};
    const double with_inf[4] = {1.0, 2.0, INFINITY, 3.0};
    const double bad_p[3] = {0.01, 1.5, 0.2};
    TtxlTTest out, sentinel;
    TtxlRankTest rout, rsentinel;
    double adjusted[3] = {7.0, 7.0, 7.0};
    char msg[512];

    memset(&sentinel, 0x5A, sizeof sentinel);
    memset(&rsentinel, 0x5A, sizeof rsentinel);

#define KEEPS_OUT() CHECK(memcmp(&out, &sentinel, sizeof out) == 0, "out written on failure")
    out = sentinel;
    CHECK_STATUS(ttxl_ttest_welch(one, 1, three, 3, 0, 0.0, 0.95, &out), TTXL_ERR_TOO_FEW,
                 "welch with 1 value");
    KEEPS_OUT();
    ttxl_set_language(TTXL_LANG_EN);
    last_error(msg, sizeof msg);
    CHECK(strlen(msg) > 0, "no message");
    ttxl_set_language(TTXL_LANG_JA);
    last_error(msg, sizeof msg);
    CHECK(strstr(msg, "\xe3") != NULL, "Japanese message expected: %s", msg);
    ttxl_set_language(TTXL_LANG_EN);

    CHECK_STATUS(ttxl_ttest_welch(all_nan, 3, three, 3, 0, 0.0, 0.95, &out), TTXL_ERR_TOO_FEW,
                 "all missing");
    CHECK_STATUS(ttxl_ttest_welch(NULL, 0, three, 3, 0, 0.0, 0.95, &out), TTXL_ERR_TOO_FEW,
                 "empty x (NULL with length 0)");
    CHECK_STATUS(ttxl_ttest_one_sample(flat, 3, 0, 0.0, 0.95, &out), TTXL_ERR_CONSTANT,
                 "constant one sample");
    CHECK_STATUS(ttxl_ttest_welch(flat, 3, flat2, 3, 0, 0.0, 0.95, &out), TTXL_ERR_CONSTANT,
                 "constant welch");
    CHECK_STATUS(ttxl_ttest_student(flat, 3, flat2, 3, 0, 0.0, 0.95, &out), TTXL_ERR_CONSTANT,
                 "constant student");
    CHECK_STATUS(ttxl_ttest_paired(flat, flat2, 3, 0, 0.0, 0.95, &out), TTXL_ERR_CONSTANT,
                 "constant differences");
    CHECK_STATUS(ttxl_ttest_welch_from_stats(1.0, 0.0, 5, 2.0, 0.0, 5, 0, 0.0, 0.95, &out),
                 TTXL_ERR_CONSTANT, "from stats with zero SDs");
    CHECK_STATUS(ttxl_ttest_welch_from_stats(1.0, 1.0, 1, 2.0, 1.0, 5, 0, 0.0, 0.95, &out),
                 TTXL_ERR_TOO_FEW, "from stats with n_x = 1");
    CHECK_STATUS(ttxl_ttest_welch(with_inf, 4, three, 3, 0, 0.0, 0.95, &out), TTXL_ERR_ARGUMENT,
                 "infinite value");
    last_error(msg, sizeof msg);
    CHECK(strstr(msg, "infinite") != NULL, "message should name the infinite value: %s", msg);
    KEEPS_OUT();
#undef KEEPS_OUT

    rout = rsentinel;
    CHECK_STATUS(ttxl_mann_whitney(NULL, 0, three, 3, 0, 1, &rout), TTXL_ERR_TOO_FEW,
                 "Mann-Whitney with empty x");
    /* Only zero differences / only ties: R's wilcox.test gives p = NaN; ttest-xl refuses. */
    CHECK_STATUS(ttxl_wilcoxon_signed_rank(flat, flat, 3, 0, 1, &rout), TTXL_ERR_TOO_FEW,
                 "signed rank with only zero differences");
    CHECK_STATUS(ttxl_mann_whitney(flat, 3, flat, 3, 0, 1, &rout), TTXL_ERR_CONSTANT,
                 "Mann-Whitney with all values tied");
    CHECK_STATUS(ttxl_mann_whitney(with_inf, 4, three, 3, 0, 1, &rout), TTXL_ERR_ARGUMENT,
                 "Mann-Whitney with an infinite value");
    CHECK(memcmp(&rout, &rsentinel, sizeof rout) == 0, "rank out written on failure");

    CHECK_STATUS(ttxl_p_adjust(bad_p, 3, TTXL_ADJUST_HOLM, adjusted), TTXL_ERR_ARGUMENT,
                 "p-value 1.5");
    CHECK(adjusted[0] == 7.0 && adjusted[1] == 7.0 && adjusted[2] == 7.0,
          "adjusted_out written on failure");
    CHECK_STATUS(ttxl_p_adjust(NULL, 0, TTXL_ADJUST_HOLM, NULL), TTXL_OK, "empty p-values");

    /* A successful call clears the last error. */
    CHECK_STATUS(ttxl_ttest_welch(three, 3, flat, 3, 0, 0.0, 0.95, &out), TTXL_OK,
                 "welch with one constant group");
    CHECK(ttxl_last_error_utf8(NULL, 0) == 0, "last error not cleared by success");
}

int main(void) {
    ttests();
    rank_tests();
    p_adjust();
    power();
    t_distribution();
    missing_values();
    engine_errors();
    return check_report("results");
}
