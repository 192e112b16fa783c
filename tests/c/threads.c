/*
 * threads.c — no global mutable state: 8 threads calling every kind of function at once get
 * exactly (bit for bit) the answers of a single thread, and each thread keeps its own last error
 * and its own message language while the others succeed, fail and switch languages.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "ttest_xl.h"

#define THREADS 8
#define ROUNDS 150

static const double X[12] = {5.1, 4.9, NAN, 6.2, 5.8, 6.0, 5.5, 5.3, 4.7, 5.9, 6.4, 5.0};
static const double Y[12] = {4.1, 4.5, 4.9, NAN, 5.0, 4.2, 4.4, 5.2, NAN, 4.8, 4.6, 4.3};

/* Everything one round computes. */
typedef struct {
    int32_t status[9];
    TtxlTTest welch, paired;
    TtxlRankTest mw, sr;
    double adjusted[6];
    double power, n, quantile, cdf;
    char en[256], ja[256];
} Round;

static void run_round(Round *r, int32_t lang_for_error) {
    const double p[6] = {0.01, 0.04, NAN, 0.03, 0.2, 0.005};
    double bad = 0.0;
    memset(r, 0, sizeof *r);
    /* A failure first; while this thread yields, the others succeed (which clears *their* last
     * error) and switch languages: this thread's message and language must not change. */
    ttxl_set_language(lang_for_error);
    r->status[0] = ttxl_t_quantile(1.5, 3.0, &bad);
    sched_yield();
    if (lang_for_error == TTXL_LANG_JA) {
        ttxl_last_error_utf8(r->ja, sizeof r->ja);
        sched_yield();
        ttxl_set_language(TTXL_LANG_EN);
        ttxl_last_error_utf8(r->en, sizeof r->en);
    } else {
        ttxl_last_error_utf8(r->en, sizeof r->en);
        sched_yield();
        ttxl_set_language(TTXL_LANG_JA);
        ttxl_last_error_utf8(r->ja, sizeof r->ja);
    }
    ttxl_set_language(TTXL_LANG_EN);
    r->status[0] = r->status[0] == TTXL_ERR_ARGUMENT ? TTXL_OK : r->status[0];

    r->status[1] = ttxl_ttest_welch(X, 12, Y, 12, TTXL_TWO_SIDED, 0.0, 0.95, &r->welch);
    r->status[2] = ttxl_ttest_paired(X, Y, 12, TTXL_LESS, 0.1, 0.9, &r->paired);
    r->status[3] = ttxl_mann_whitney(X, 12, Y, 12, TTXL_GREATER, 1, &r->mw);
    r->status[4] = ttxl_wilcoxon_signed_rank(X, Y, 12, TTXL_TWO_SIDED, 0, &r->sr);
    r->status[5] = ttxl_p_adjust(p, 6, TTXL_ADJUST_HOMMEL, r->adjusted);
    r->status[6] = ttxl_power_ttest(TTXL_DESIGN_TWO_SAMPLE, TTXL_TWO_SIDED, TTXL_SOLVE_POWER, 20,
                                    0.5, 0.05, 0.0, &r->power);
    r->status[7] = ttxl_power_ttest_2n(TTXL_GREATER, TTXL_SOLVE_N, 20, 0.0, 0.8, 0.05, 0.8, &r->n);
    r->status[8] = ttxl_t_quantile(0.975, 7.5, &r->quantile);
    if (r->status[8] == TTXL_OK) r->status[8] = ttxl_t_cdf(-2.5, 7.5, 1, &r->cdf);
}

static Round alone;

typedef struct {
    int id;
    int mismatches;
    int first_bad_round;
} Worker;

static void *work(void *arg) {
    Worker *w = (Worker *)arg;
    int i;
    w->mismatches = 0;
    w->first_bad_round = -1;
    for (i = 0; i < ROUNDS; i++) {
        Round r;
        run_round(&r, (w->id + i) % 2 ? TTXL_LANG_JA : TTXL_LANG_EN);
        if (memcmp(&r, &alone, sizeof r) != 0) {
            if (w->first_bad_round < 0) w->first_bad_round = i;
            w->mismatches++;
        }
    }
    return NULL;
}

int main(void) {
    pthread_t threads[THREADS];
    Worker workers[THREADS];
    Round again;
    int i;

    /* Alone, twice: the result must be deterministic before comparing threads with it. */
    run_round(&alone, TTXL_LANG_EN);
    run_round(&again, TTXL_LANG_JA);
    CHECK(memcmp(&alone, &again, sizeof alone) == 0, "two single-threaded rounds differ");
    for (i = 0; i < 9; i++) {
        CHECK(alone.status[i] == TTXL_OK, "call %d gave status %d alone", i,
              (int)alone.status[i]);
    }
    CHECK(strstr(alone.en, "invalid argument p") != NULL, "English message: %s", alone.en);
    CHECK(strstr(alone.ja, "引数 p が正しくありません") != NULL, "Japanese message: %s", alone.ja);

    for (i = 0; i < THREADS; i++) {
        workers[i].id = i;
        CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0, "pthread_create %d", i);
    }
    for (i = 0; i < THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0, "pthread_join %d", i);
        CHECK(workers[i].mismatches == 0,
              "thread %d: %d of %d rounds differ from the single-threaded answers (first: %d)", i,
              workers[i].mismatches, ROUNDS, workers[i].first_bad_round);
    }
    return check_report("threads");
}
