/*
 * ttest_example.c — Welch's t-test with Cohen's d from C, and what an error looks like.
 *
 * Build the library, then compile and run (from the repository root):
 *
 *   cargo build --release --no-default-features
 *   cc -std=c99 -Wall -Wextra -pedantic -I include examples/c/ttest_example.c -L target/release -lttest_xl -Wl,-rpath,target/release -o ttest_example && ./ttest_example
 *
 * Or with the static library (no rpath, nothing to ship beside the program):
 *
 *   cc -std=c99 -I include examples/c/ttest_example.c target/release/libttest_xl.a -lpthread -ldl -lm -o ttest_example
 */
#include <stdint.h>
#include <stdio.h>

#include "ttest_xl.h"

int main(void) {
    /* Satisfaction scores of two departments; NaN (ttxl_nan()) marks a blank answer. */
    double sales[] = {5.1, 4.9, 0.0, 6.2, 5.8, 6.0, 5.5, 5.3};
    double admin[] = {4.1, 4.5, 4.9, 5.0, 4.2, 4.4, 5.2};
    TtxlTTest t;
    char message[256];
    int32_t status;

    sales[2] = ttxl_nan();
    if (ttxl_abi_version() != TTXL_ABI_VERSION) {
        fprintf(stderr, "header %s does not match library %s\n", TTXL_VERSION_STRING,
                ttxl_version());
        return 1;
    }

    status = ttxl_ttest_welch(sales, 8, admin, 7, TTXL_TWO_SIDED, 0.0, 0.95, &t);
    if (status != TTXL_OK) {
        ttxl_last_error_utf8(message, sizeof message);
        fprintf(stderr, "error %d: %s\n", (int)status, message);
        return 1;
    }
    printf("Welch t(%.2f) = %.3f, p = %.4f\n", t.df, t.statistic, t.p_value);
    printf("difference %.3f, 95%% CI [%.3f, %.3f]\n", t.estimate, t.conf_low, t.conf_high);
    printf("Cohen's d = %.2f [%.2f, %.2f], Hedges' g = %.2f (n = %.0f + %.0f, %.0f missing)\n",
           t.cohen_d, t.cohen_d_low, t.cohen_d_high, t.hedges_g, t.n_x, t.n_y,
           t.missing_x + t.missing_y);

    /* Errors come with a message, in Japanese after ttxl_set_language(TTXL_LANG_JA). */
    ttxl_set_language(TTXL_LANG_JA);
    status = ttxl_ttest_welch(sales, 8, admin, 7, TTXL_TWO_SIDED, 0.0, 95.0, &t);
    ttxl_last_error_utf8(message, sizeof message);
    printf("conf_level = 95 -> status %d: %s\n", (int)status, message);
    return 0;
}
