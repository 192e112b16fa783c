/*
 * tost_bayes.c — the equivalence tests (ttxl_tost_*) and the JZS Bayes factor
 * (ttxl_bayes_factor_t) of ttest_xl.h from C (issue 15).
 *
 * Expected values, typed in with 17 digits from the committed fixtures:
 *   TOST: tests/reference/tost.json (tost.py: statsmodels 0.15 ttost_ind / ttost_paired /
 *         DescrStatsW.ttost_mean and tconfint_*), cases "... small ...".
 *   BF10: tests/reference/bayes_factor.json (bayes_factor.R: BayesFactor 0.9.12-4.4
 *         ttest.tstat(..., simple = TRUE)).
 * Tolerances: REL_TOST 5e-14 as tests/engine_tost.rs (absolute 1e-15 for limits near 0); BF10 at
 * 2.6e-7 as tests/engine_bayes_factor.rs (BayesFactor's own integration error).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "ttest_xl.h"

#define REL_TOST 5e-14
#define REL_BF 2.6e-7

static const double X[6] = {4.0, 5.0, 4.5, 5.5, 4.8, 5.2};
static const double Y[6] = {4.6, 5.1, 4.4, 5.0, 5.3, 4.9};

static void check_tost(const char *name, const TtxlTost *got, const double want[9]) {
    const double f[9] = {got->p_value,         got->p_lower, got->p_upper,
                         got->statistic_lower, got->statistic_upper, got->df,
                         got->estimate,        got->conf_low, got->conf_high};
    static const char *const names[9] = {"p_value", "p_lower", "p_upper", "statistic_lower",
                                         "statistic_upper", "df", "estimate", "conf_low",
                                         "conf_high"};
    int i;
    for (i = 0; i < 9; i++) {
        CHECK_NEAR(f[i], want[i], REL_TOST, 1e-15, "%s %s", name, names[i]);
    }
}

static void tost_values(void) {
    TtxlTost t;
    /* statsmodels: ttost_ind(X, Y, -1, 1, usevar="unequal"); tconfint_diff(alpha=0.1) */
    const double welch[9] = {0.0027281426154815323, 0.0027281426154815323, 0.001546584911460415,
                             3.7151095653308657, -4.106173730102541, 8.372136170521365,
                             -0.05, -0.5227840554969183, 0.42278405549691683};
    /* statsmodels: ttost_ind(X, Y, -0.4, 0.9, usevar="pooled"); tconfint_diff(alpha=0.05) */
    const double student[9] = {0.10052229050750298, 0.10052229050750298, 0.0020037135259809193,
                               1.3687245767008436, -3.715109565330871, 10.0, -0.05,
                               -0.6197629833424432, 0.5197629833424418};
    /* statsmodels: ttost_paired(X, Y, -0.5, 0.5); DescrStatsW(X - Y).tconfint_mean(0.1) */
    const double paired[9] = {0.026517561670305455, 0.026517561670305455, 0.01369380985528788,
                              2.52215315643254, -3.0826316356397707, 5.0, -0.05,
                              -0.4095228805543451, 0.3095228805543451};
    /* statsmodels: DescrStatsW(X).ttost_mean(4.5, 5.5); tconfint_mean(0.1) */
    const double one[9] = {0.09259941388532994, 0.09259941388532994, 0.013868597012510277,
                           1.5357377920848765, -3.071475584169757, 5.0, 4.833333333333333,
                           4.395965187173989, 5.270701479492677};
    CHECK_STATUS(ttxl_tost_welch(X, 6, Y, 6, -1.0, 1.0, 0.90, &t), TTXL_OK, "welch");
    check_tost("welch", &t, welch);
    CHECK_STATUS(ttxl_tost_student(X, 6, Y, 6, -0.4, 0.9, 0.95, &t), TTXL_OK, "student");
    check_tost("student", &t, student);
    CHECK_STATUS(ttxl_tost_paired(X, Y, 6, -0.5, 0.5, 0.90, &t), TTXL_OK, "paired");
    check_tost("paired", &t, paired);
    CHECK_STATUS(ttxl_tost_one_sample(X, 6, 4.5, 5.5, 0.90, &t), TTXL_OK, "one sample");
    check_tost("one sample", &t, one);
}

static void tost_statuses(void) {
    TtxlTost t, before;
    char msg[512];
    const double with_nan[7] = {4.0, 5.0, 4.5, 5.5, 4.8, 5.2, 0.0};
    double x7[7];
    memcpy(x7, with_nan, sizeof x7);
    x7[6] = ttxl_nan();
    /* A NaN is a missing value: the same result as without it. */
    CHECK_STATUS(ttxl_tost_one_sample(x7, 7, 4.5, 5.5, 0.90, &t), TTXL_OK, "nan is missing");
    CHECK_NEAR(t.p_value, 0.09259941388532994, REL_TOST, 0.0, "one sample with NaN");

    memset(&before, 0x5a, sizeof before);
    t = before;
    CHECK_STATUS(ttxl_tost_welch(X, 6, Y, 6, 1.0, -1.0, 0.90, &t), TTXL_ERR_ARGUMENT, "low > high");
    CHECK(memcmp(&t, &before, sizeof t) == 0, "out changed on failure");
    CHECK(strstr(last_error(msg, sizeof msg), "high") != NULL, "message: %s", msg);
    CHECK_STATUS(ttxl_tost_welch(X, 6, Y, 6, 0.5, 0.5, 0.90, &t), TTXL_ERR_ARGUMENT, "low = high");
    CHECK_STATUS(ttxl_tost_paired(X, Y, 6, ttxl_nan(), 0.5, 0.90, &t), TTXL_ERR_ARGUMENT,
                 "NaN bound");
    CHECK_STATUS(ttxl_tost_student(X, 6, Y, 6, -1.0, 1.0, 1.0, &t), TTXL_ERR_ARGUMENT,
                 "conf_level 1");
    CHECK_STATUS(ttxl_tost_one_sample(X, 1, -1.0, 1.0, 0.9, &t), TTXL_ERR_TOO_FEW, "one value");
    CHECK_STATUS(ttxl_tost_one_sample(NULL, 6, -1.0, 1.0, 0.9, &t), TTXL_ERR_NULL, "NULL x");
    CHECK_STATUS(ttxl_tost_one_sample(X, -1, -1.0, 1.0, 0.9, &t), TTXL_ERR_LENGTH, "n < 0");
    CHECK_STATUS(ttxl_tost_welch(X, 6, Y, 6, -1.0, 1.0, 0.9, NULL), TTXL_ERR_NULL, "NULL out");
    CHECK(memcmp(&t, &before, sizeof t) == 0, "out changed on failure");

    ttxl_set_language(TTXL_LANG_JA);
    CHECK_STATUS(ttxl_tost_welch(X, 6, Y, 6, 1.0, -1.0, 0.90, &t), TTXL_ERR_ARGUMENT, "ja");
    CHECK(strstr(last_error(msg, sizeof msg), "high より小さい値") != NULL, "ja message: %s", msg);
    ttxl_set_language(TTXL_LANG_EN);
}

static void bayes_factor(void) {
    double bf = -1.0, before;
    char msg[512];
    /* R: BayesFactor::ttest.tstat(2.5, 20, rscale = "medium", simple = TRUE) = 2.70214516467693 */
    CHECK_STATUS(ttxl_bayes_factor_t(TTXL_DESIGN_ONE_SAMPLE, 2.5, 20, 0, sqrt(2.0) / 2.0, &bf),
                 TTXL_OK, "one sample");
    CHECK_NEAR(bf, 2.70214516467693, REL_BF, 0.0, "one sample BF10");
    /* Paired is the one-sample design on the differences; ny is ignored. */
    CHECK_STATUS(ttxl_bayes_factor_t(TTXL_DESIGN_PAIRED, 2.5, 20, -7, sqrt(2.0) / 2.0, &bf),
                 TTXL_OK, "paired");
    CHECK_NEAR(bf, 2.70214516467693, REL_BF, 0.0, "paired BF10");
    /* R: ttest.tstat(t = 3.7, n1 = 120, n2 = 45, rscale = 1, simple = TRUE) */
    CHECK_STATUS(ttxl_bayes_factor_t(TTXL_DESIGN_TWO_SAMPLE, 3.7, 120, 45, 1.0, &bf), TTXL_OK,
                 "two samples");
    CHECK_NEAR(bf, 73.350165271322538, REL_BF, 0.0, "two-sample BF10");

    before = bf;
    CHECK_STATUS(ttxl_bayes_factor_t(TTXL_DESIGN_ONE_SAMPLE, 2.5, 20, 0, 0.0, &bf),
                 TTXL_ERR_ARGUMENT, "rscale 0");
    CHECK(strstr(last_error(msg, sizeof msg), "rscale") != NULL, "message: %s", msg);
    CHECK_STATUS(ttxl_bayes_factor_t(TTXL_DESIGN_ONE_SAMPLE, 2.5, 20, 0, -1.0, &bf),
                 TTXL_ERR_ARGUMENT, "rscale < 0");
    CHECK_STATUS(ttxl_bayes_factor_t(7, 2.5, 20, 0, 1.0, &bf), TTXL_ERR_ARGUMENT, "design 7");
    CHECK_STATUS(ttxl_bayes_factor_t(TTXL_DESIGN_ONE_SAMPLE, ttxl_nan(), 20, 0, 1.0, &bf),
                 TTXL_ERR_ARGUMENT, "t NaN");
    CHECK_STATUS(ttxl_bayes_factor_t(TTXL_DESIGN_ONE_SAMPLE, 2.5, 1, 0, 1.0, &bf),
                 TTXL_ERR_TOO_FEW, "n = 1");
    CHECK_STATUS(ttxl_bayes_factor_t(TTXL_DESIGN_TWO_SAMPLE, 2.5, 5, -1, 1.0, &bf),
                 TTXL_ERR_LENGTH, "ny < 0");
    CHECK_STATUS(ttxl_bayes_factor_t(TTXL_DESIGN_ONE_SAMPLE, 1e6, 1000, 0, 1.0, &bf),
                 TTXL_ERR_ARGUMENT, "overflow");
    CHECK_STATUS(ttxl_bayes_factor_t(TTXL_DESIGN_ONE_SAMPLE, 2.5, 20, 0, 1.0, NULL),
                 TTXL_ERR_NULL, "NULL out");
    CHECK(bf == before, "bf10 changed on failure");
}

int main(void) {
    tost_values();
    tost_statuses();
    bayes_factor();
    return check_report("tost_bayes");
}
