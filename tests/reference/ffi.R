# Reference values for the C-ABI tests (tests/c_abi.rs, tests/c/*.c): every function of
# include/ttest_xl.h on small data sets, computed by R 4.2 with stats, effectsize 0.8.3 and pwr.
# Run from this directory: Rscript ffi.R  (writes ffi.json)
#
# Each case carries the R call that produced it ("r"). Data vectors use NA for a missing value
# (the C side passes NaN). The field names of "expect" are those of TtxlTTest / TtxlRankTest.
suppressPackageStartupMessages({
  library(effectsize)
  library(pwr)
})
source("json17.R")

# ---- data -------------------------------------------------------------------------------------
data <- list(
  # two groups with missing values (survey answers)
  g1 = c(5.1, 4.9, NA, 6.2, 5.8, 6.0, 5.5, 5.3, 4.7, 5.9, 6.4),
  g2 = c(4.1, 4.5, 4.9, NA, 5.0, 4.2, 4.4, 5.2, NA, 4.8),
  # paired before/after: a NaN only in `pre` (position 3) and only in `post` (position 6)
  pre  = c(12.1, 10.4, NA, 14.2, 9.8, 11.5, 13.0, 10.9, 12.6, 11.1, 9.4, 13.8),
  post = c(13.0, 11.2, 12.0, 14.0, 11.1, NA, 13.9, 11.8, 12.9, 12.4, 10.6, 14.9),
  # small samples without ties (exact rank p-values)
  r1 = c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30),
  r2 = c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.061, 3.14, 1.292),
  # rating-scale data with many ties (normal approximation), one missing value
  t1 = c(3, 4, 4, 5, 2, 4, 3, 5, 5, 4, NA, 3, 4),
  t2 = c(2, 3, 3, 4, 2, 3, 1, 3, 4, 2, 3),
  # paired ratings with ties and zero differences
  s1 = c(3, 4, 4, 5, 2, 4, 3, 5, 5, 4, 3, 2),
  s2 = c(2, 4, 3, 4, 2, 3, 1, 3, 4, 5, 3, 1),
  # p-values with one missing
  pvals = c(0.01, 0.02, NA, 0.03, 0.04, 0.2, 0.001, 0.5, 0.045)
)
cc <- function(v) v[!is.na(v)]
alt_name <- c("two.sided", "less", "greater")

# ---- t-tests ----------------------------------------------------------------------------------
ttest_case <- function(fn, xn, yn, alternative, mu, conf_level) {
  x <- data[[xn]]
  y <- if (is.null(yn)) NULL else data[[yn]]
  alt <- alt_name[alternative + 1]
  if (fn == "welch") {
    tt <- t.test(x, y, alternative = alt, mu = mu, conf.level = conf_level)
    d <- cohens_d(cc(x), cc(y), pooled_sd = FALSE, mu = mu, ci = conf_level, alternative = alt)
    g <- hedges_g(cc(x), cc(y), pooled_sd = FALSE, mu = mu, ci = conf_level, alternative = alt)
    call <- sprintf("t.test(%s, %s, alternative='%s', mu=%g, conf.level=%g); cohens_d/hedges_g(pooled_sd=FALSE)", xn, yn, alt, mu, conf_level)
  } else if (fn == "student") {
    tt <- t.test(x, y, var.equal = TRUE, alternative = alt, mu = mu, conf.level = conf_level)
    d <- cohens_d(cc(x), cc(y), mu = mu, ci = conf_level, alternative = alt)
    g <- hedges_g(cc(x), cc(y), mu = mu, ci = conf_level, alternative = alt)
    call <- sprintf("t.test(%s, %s, var.equal=TRUE, alternative='%s', mu=%g, conf.level=%g); cohens_d/hedges_g()", xn, yn, alt, mu, conf_level)
  } else if (fn == "paired") {
    ok <- !is.na(x) & !is.na(y)
    tt <- t.test(x, y, paired = TRUE, alternative = alt, mu = mu, conf.level = conf_level)
    d <- cohens_d(x[ok], y[ok], paired = TRUE, mu = mu, ci = conf_level, alternative = alt)
    g <- hedges_g(x[ok], y[ok], paired = TRUE, mu = mu, ci = conf_level, alternative = alt)
    call <- sprintf("t.test(%s, %s, paired=TRUE, alternative='%s', mu=%g, conf.level=%g); cohens_d/hedges_g(paired=TRUE)", xn, yn, alt, mu, conf_level)
  } else {
    tt <- t.test(x, alternative = alt, mu = mu, conf.level = conf_level)
    d <- cohens_d(cc(x), mu = mu, ci = conf_level, alternative = alt)
    g <- hedges_g(cc(x), mu = mu, ci = conf_level, alternative = alt)
    call <- sprintf("t.test(%s, alternative='%s', mu=%g, conf.level=%g); cohens_d/hedges_g(mu=%g)", xn, alt, mu, conf_level, mu)
  }
  if (fn == "paired") {
    ok <- !is.na(x) & !is.na(y)
    xs <- x[ok]; ys <- y[ok]
  } else {
    xs <- cc(x); ys <- if (is.null(y)) NULL else cc(y)
  }
  est <- unname(if (length(tt$estimate) == 2) tt$estimate[1] - tt$estimate[2] else tt$estimate)
  expect <- list(
    statistic = unname(tt$statistic), df = unname(tt$parameter), p_value = tt$p.value,
    estimate = est, conf_low = tt$conf.int[1], conf_high = tt$conf.int[2], std_err = tt$stderr,
    n_x = length(xs), n_y = if (is.null(ys)) 0 else length(ys),
    mean_x = mean(xs), mean_y = if (is.null(ys)) NA else mean(ys),
    sd_x = sd(xs), sd_y = if (is.null(ys)) NA else sd(ys),
    cohen_d = d$Cohens_d, cohen_d_low = d$CI_low, cohen_d_high = d$CI_high,
    hedges_g = g$Hedges_g, hedges_g_low = g$CI_low, hedges_g_high = g$CI_high,
    missing_x = sum(is.na(x)), missing_y = if (is.null(y)) 0 else sum(is.na(y))
  )
  list(fn = fn, x = xn, y = if (is.null(yn)) "" else yn, alternative = alternative, mu = mu,
       conf_level = conf_level, r = call, expect = expect)
}

ttest <- list(
  ttest_case("welch", "g1", "g2", 0, 0, 0.95),
  ttest_case("welch", "g1", "g2", 1, 0.5, 0.90),
  ttest_case("welch", "g1", "g2", 2, -0.2, 0.99),
  ttest_case("student", "g1", "g2", 0, 0, 0.95),
  ttest_case("student", "g1", "g2", 2, 0.1, 0.90),
  ttest_case("paired", "pre", "post", 0, 0, 0.95),
  ttest_case("paired", "pre", "post", 1, 0.3, 0.90),
  ttest_case("one_sample", "g1", NULL, 0, 5, 0.95),
  ttest_case("one_sample", "g1", NULL, 2, 5.2, 0.90)
)

# ---- t-tests from summary statistics (reference: t.test on the data with those statistics) ----
stats_case <- function(fn, xn, yn, alternative, mu, conf_level) {
  base <- ttest_case(fn, xn, yn, alternative, mu, conf_level)
  x <- cc(data[[xn]]); y <- cc(data[[yn]])
  base$mean_x <- mean(x); base$sd_x <- sd(x); base$n_x <- length(x)
  base$mean_y <- mean(y); base$sd_y <- sd(y); base$n_y <- length(y)
  base$expect$missing_x <- 0; base$expect$missing_y <- 0
  base$r <- paste(base$r, "(on the data whose mean, sd and n are passed)")
  base
}
ttest_stats <- list(
  stats_case("welch", "g1", "g2", 0, 0, 0.95),
  stats_case("student", "g1", "g2", 1, 0.2, 0.90)
)

# ---- rank tests -------------------------------------------------------------------------------
rank_case <- function(fn, xn, yn, alternative, correct) {
  x <- data[[xn]]; y <- data[[yn]]
  alt <- alt_name[alternative + 1]
  if (fn == "mann_whitney") {
    w <- suppressWarnings(wilcox.test(x, y, alternative = alt, correct = correct == 1))
    rb <- rank_biserial(cc(x), cc(y))
    nx <- length(cc(x)); ny <- length(cc(y))
    call <- sprintf("wilcox.test(%s, %s, alternative='%s', correct=%s); rank_biserial(%s, %s)", xn, yn, alt, correct == 1, xn, yn)
  } else {
    ok <- !is.na(x) & !is.na(y)
    w <- suppressWarnings(wilcox.test(x, y, paired = TRUE, alternative = alt, correct = correct == 1))
    rb <- rank_biserial(x[ok], y[ok], paired = TRUE)
    nx <- sum((x - y)[ok] != 0); ny <- nx
    call <- sprintf("wilcox.test(%s, %s, paired=TRUE, alternative='%s', correct=%s); rank_biserial(paired=TRUE)", xn, yn, alt, correct == 1)
  }
  list(fn = fn, x = xn, y = yn, alternative = alternative, correct = correct, r = call,
       expect = list(statistic = unname(w$statistic), p_value = w$p.value, n_x = nx, n_y = ny,
                     rank_biserial = rb$r_rank_biserial,
                     missing_x = sum(is.na(x)), missing_y = sum(is.na(y))))
}
rank <- list(
  rank_case("mann_whitney", "r1", "r2", 0, 1),   # exact
  rank_case("mann_whitney", "r1", "r2", 1, 1),   # exact, one-sided
  rank_case("mann_whitney", "t1", "t2", 0, 1),   # ties: normal approximation with correction
  rank_case("mann_whitney", "t1", "t2", 2, 0),   # without correction
  rank_case("signed_rank", "r1", "r2", 0, 1),    # exact: no ties, no zero differences
  rank_case("signed_rank", "s1", "s2", 0, 1),    # ties and zeros: normal approximation
  rank_case("signed_rank", "s1", "s2", 1, 0)
)

# ---- p.adjust ---------------------------------------------------------------------------------
methods <- c("none", "holm", "hochberg", "bonferroni", "BH", "BY", "hommel")
p_adjust <- lapply(seq_along(methods), function(i) {
  list(p = "pvals", method = i - 1, r = sprintf("p.adjust(pvals, '%s')", methods[i]),
       expect = I(p.adjust(data$pvals, methods[i])))
})

# ---- power (pwr), solved to full precision with uniroot(tol = 1e-14) on pwr's power ------------
design_name <- c("two.sample", "paired", "one.sample")
pw <- function(design, alt, n, d, alpha)
  pwr.t.test(n = n, d = d, sig.level = alpha, type = design_name[design + 1],
             alternative = alt_name[alt + 1])$power
power_case <- function(design, alt, solve_for, n, d, alpha, power) {
  if (solve_for == 1) {
    v <- pw(design, alt, n, d, alpha); power <- NA
    call <- sprintf("pwr.t.test(n=%g, d=%g, sig.level=%g, type='%s', alternative='%s')$power", n, d, alpha, design_name[design + 1], alt_name[alt + 1])
  } else if (solve_for == 0) {
    v <- uniroot(function(n) pw(design, alt, n, d, alpha) - power, c(2 + 1e-10, 1e7), tol = 1e-14)$root; n <- NA
    call <- sprintf("n solving pwr.t.test(d=%g, sig.level=%g, power=%g, type='%s', alternative='%s') by uniroot(tol=1e-14)", d, alpha, power, design_name[design + 1], alt_name[alt + 1])
  } else {
    interval <- if (alt == 1) c(-10, 5) else c(1e-7, 10)
    v <- uniroot(function(d) pw(design, alt, n, d, alpha) - power, interval, tol = 1e-14)$root; d <- NA
    call <- sprintf("d solving pwr.t.test(n=%g, sig.level=%g, power=%g, type='%s', alternative='%s') by uniroot(tol=1e-14)", n, alpha, power, design_name[design + 1], alt_name[alt + 1])
  }
  list(design = design, alternative = alt, solve_for = solve_for, n = n, d = d, alpha = alpha,
       power = power, r = call, expect = v)
}
power <- list(
  power_case(0, 0, 1, 20, 0.5, 0.05, NA),
  power_case(1, 2, 1, 15, 0.6, 0.05, NA),
  power_case(2, 1, 1, 12, -0.4, 0.10, NA),
  power_case(0, 0, 0, NA, 0.5, 0.05, 0.8),
  power_case(2, 2, 0, NA, 0.3, 0.05, 0.9),
  power_case(1, 0, 2, 30, NA, 0.05, 0.9),
  power_case(0, 1, 2, 25, NA, 0.05, 0.8)
)
pw2 <- function(alt, n1, n2, d, alpha)
  pwr.t2n.test(n1 = n1, n2 = n2, d = d, sig.level = alpha, alternative = alt_name[alt + 1])$power
power2_case <- function(alt, solve_for, n1, n2, d, alpha, power) {
  if (solve_for == 1) {
    v <- pw2(alt, n1, n2, d, alpha); power <- NA
    call <- sprintf("pwr.t2n.test(n1=%g, n2=%g, d=%g, sig.level=%g, alternative='%s')$power", n1, n2, d, alpha, alt_name[alt + 1])
  } else if (solve_for == 0) {
    v <- uniroot(function(n2) pw2(alt, n1, n2, d, alpha) - power, c(2 + 1e-10, 1e7), tol = 1e-14)$root; n2 <- NA
    call <- sprintf("n2 solving pwr.t2n.test(n1=%g, d=%g, sig.level=%g, power=%g, alternative='%s') by uniroot(tol=1e-14)", n1, d, alpha, power, alt_name[alt + 1])
  } else {
    interval <- if (alt == 1) c(-10, 5) else c(1e-7, 10)
    v <- uniroot(function(d) pw2(alt, n1, n2, d, alpha) - power, interval, tol = 1e-14)$root; d <- NA
    call <- sprintf("d solving pwr.t2n.test(n1=%g, n2=%g, sig.level=%g, power=%g, alternative='%s') by uniroot(tol=1e-14)", n1, n2, alpha, power, alt_name[alt + 1])
  }
  list(alternative = alt, solve_for = solve_for, n1 = n1, n2 = n2, d = d, alpha = alpha,
       power = power, r = call, expect = v)
}
power_2n <- list(
  power2_case(0, 1, 20, 30, 0.6, 0.05, NA),
  power2_case(2, 0, 20, NA, 0.8, 0.05, 0.8),
  power2_case(0, 2, 15, 25, NA, 0.05, 0.8)
)

# ---- t distribution ---------------------------------------------------------------------------
t_cdf <- lapply(list(c(2.1, 7, 1), c(2.1, 7, 0), c(-40, 3, 1), c(1.5, Inf, 1), c(Inf, 5, 1),
                     c(0.3, 0.5, 0), c(-3.2, 12.5, 0)), function(a) {
  list(t = a[1], df = a[2], lower_tail = a[3],
       r = sprintf("pt(%g, %g, lower.tail=%s)", a[1], a[2], a[3] == 1),
       expect = pt(a[1], a[2], lower.tail = a[3] == 1))
})
t_quantile <- lapply(list(c(0.975, 10), c(1e-10, 4), c(0.3, 2.5), c(0, 5), c(1, 5),
                          c(0.95, Inf)), function(a) {
  list(p = a[1], df = a[2], r = sprintf("qt(%g, %g)", a[1], a[2]), expect = qt(a[1], a[2]))
})

write_json17(list(
  source = paste("tests/reference/ffi.R;", R.version.string, "; effectsize",
                 as.character(packageVersion("effectsize")), "; pwr",
                 as.character(packageVersion("pwr"))),
  data = data, ttest = ttest, ttest_stats = ttest_stats, rank = rank, p_adjust = p_adjust,
  power = power, power_2n = power_2n, t_cdf = t_cdf, t_quantile = t_quantile
), "ffi.json")
