# Reference values for the self-test routine TTXL_SelfTest in vba/TTestXL.bas.
# The VBA module cannot read JSON, so it carries these numbers as literals (15 significant digits,
# what the VBA editor keeps); tests/vba_selftest.rs checks every literal against this fixture.
# Run from this directory: Rscript vba_selftest.R
source("json17.R")
suppressMessages({
  library(effectsize)
  library(pwr)
})

# The self-test's data. In the worksheet version blanks and the text "n/a" stand for NA.
x <- c(3.9, 4.4, 3.1, NA, 4.8, 3.6, 4.15, NA, 3.35, 4.6)  # "after"; x[4] blank, x[8] "n/a"
y <- c(3.4, 3.7, 3.2, 2.9, NA, 3.0, 4.2, 3.5, 2.6, 3.8)   # "before"; y[5] blank

out <- list()
put <- function(key, value) out[[key]] <<- unname(value)
# The data themselves, so the test can check that the VBA self-test uses the same numbers.
out[["data.x"]] <- I(x)
out[["data.y"]] <- I(y)

tt <- function(prefix, r) {
  put(paste0(prefix, ".statistic"), r$statistic)
  put(paste0(prefix, ".df"), r$parameter)
  put(paste0(prefix, ".p_value"), r$p.value)
  est <- if (length(r$estimate) == 2) r$estimate[1] - r$estimate[2] else r$estimate
  put(paste0(prefix, ".estimate"), est)
  put(paste0(prefix, ".conf_low"), r$conf.int[1])
  put(paste0(prefix, ".conf_high"), r$conf.int[2])
}
es <- function(prefix, d) {
  put(paste0(prefix, ""), d[[1]][1])
  put(paste0(prefix, "_low"), d$CI_low)
  put(paste0(prefix, "_high"), d$CI_high)
}
q <- function(expr) suppressWarnings(expr)

# Welch: t.test(x, y); d and g with the average-variance SD (pooled_sd = FALSE)
tt("welch", t.test(x, y))
es("welch.cohen_d", q(cohens_d(x, y, pooled_sd = FALSE)))
es("welch.hedges_g", q(hedges_g(x, y, pooled_sd = FALSE)))
# Student: t.test(x, y, var.equal = TRUE); pooled-SD d and g (effectsize defaults)
tt("student", t.test(x, y, var.equal = TRUE))
es("student.cohen_d", q(cohens_d(x, y)))
es("student.hedges_g", q(hedges_g(x, y)))
# Paired: t.test(x, y, paired = TRUE) (pairs with an NA dropped); d_z and its g
tt("paired", t.test(x, y, paired = TRUE))
es("paired.cohen_d", q(cohens_d(x, y, paired = TRUE)))
es("paired.hedges_g", q(hedges_g(x, y, paired = TRUE)))
# One sample: t.test(x, mu = 3.5); d of (x - 3.5)
tt("one_sample", t.test(x, mu = 3.5))
es("one_sample.cohen_d", q(cohens_d(x, mu = 3.5)))
es("one_sample.hedges_g", q(hedges_g(x, mu = 3.5)))
# Excel T.TEST(x, y, 1, 3): one-tailed Welch p in the direction of the observed difference
put("ttest.welch_one_tailed", t.test(x, y, alternative = "greater")$p.value)
# T.TEST(x, y, 2, 1) with the pairs complete in both
put("ttest.paired_two_tailed", t.test(x, y, paired = TRUE)$p.value)
# Rank tests: wilcox.test (exact: no ties, small n) and effectsize::rank_biserial
mw <- wilcox.test(x, y)
put("mann_whitney.statistic", mw$statistic)
put("mann_whitney.p_value", mw$p.value)
put("mann_whitney.rank_biserial", q(rank_biserial(x, y))$r_rank_biserial)
sr <- wilcox.test(x, y, paired = TRUE)
put("wilcoxon.statistic", sr$statistic)
put("wilcoxon.p_value", sr$p.value)
put("wilcoxon.rank_biserial", q(rank_biserial(x, y, paired = TRUE))$r_rank_biserial)
# p.adjust over four p-values (the fifth cell is blank)
p <- c(0.01, 0.04, 0.03, 0.2)
for (m in c("holm", "BH")) {
  a <- p.adjust(p, m)
  for (i in seq_along(a)) put(sprintf("p_adjust.%s.%d", m, i), a[i])
}
# Power: n per group for d = 0.5, power 0.8, alpha 0.05. pwr.t.test(d = 0.5, power = 0.8)$n
# solves with uniroot(tol = .Machine$double.eps^0.25) and is only good to ~1e-8 relative here; the
# engine solves to full precision, so the reference solves pwr's own power function with a tight
# tolerance (the result agrees with pwr.t.test(...)$n to its precision).
full_n <- function(type) {
  uniroot(function(n) pwr.t.test(n = n, d = 0.5, sig.level = 0.05, type = type)$power - 0.8,
          c(2 + 1e-10, 1e4), tol = 1e-14)$root
}
for (type in c("two.sample", "paired")) {
  n <- full_n(type)
  stopifnot(abs(n - pwr.t.test(d = 0.5, power = 0.8, sig.level = 0.05, type = type)$n) < 1e-4 * n)
  put(paste0("power_n.", sub(".", "_", type, fixed = TRUE)), n)
}

# Shares of positive answers (TTXL_PROP_2INDEP / TTXL_PROP_PAIRED). Independent: 31 of 50 before,
# 37 of 54 after; prop.test(correct = FALSE) for X² and p, Newcombe's (1998a) hybrid score interval
# coded from the paper on R's Wilson limits (as kpi.R). Paired: 20 positive both times, 3 only
# before, 9 only after, 8 neither; binom.test(9, 12) (exact McNemar), Newcombe's (1998b) method 10.
wilson <- function(x, n) {
  ci <- suppressWarnings(prop.test(x, n, correct = FALSE)$conf.int)
  c(ci[[1]], ci[[2]])
}
pt2 <- prop.test(c(31, 37), c(50, 54), correct = FALSE)
p1 <- 31 / 50; p2 <- 37 / 54; w1 <- wilson(31, 50); w2 <- wilson(37, 54)
put("prop_2indep.estimate", p2 - p1)
put("prop_2indep.conf_low", p2 - p1 - sqrt((p2 - w2[1])^2 + (w1[2] - p1)^2))
put("prop_2indep.conf_high", p2 - p1 + sqrt((w2[2] - p2)^2 + (p1 - w1[1])^2))
put("prop_2indep.p_value", pt2$p.value)
put("prop_2indep.statistic", pt2$statistic)
a <- 20; b <- 3; c <- 9; d <- 8; n <- a + b + c + d
p1 <- (a + b) / n; p2 <- (a + c) / n; w1 <- wilson(a + b, n); w2 <- wilson(a + c, n)
det <- a * d - b * c
phi <- (if (det > n / 2) det - n / 2 else if (det < 0) det else 0) /
  sqrt((a + b) * (c + d) * (a + c) * (b + d))
theta <- p1 - p2  # the paper's orientation; second - first is its negation
lo <- theta - sqrt((p1 - w1[1])^2 - 2 * phi * (p1 - w1[1]) * (w2[2] - p2) + (w2[2] - p2)^2)
hi <- theta + sqrt((p2 - w2[1])^2 - 2 * phi * (p2 - w2[1]) * (w1[2] - p1) + (w1[2] - p1)^2)
put("prop_paired.estimate", -theta)
put("prop_paired.conf_low", -hi)
put("prop_paired.conf_high", -lo)
put("prop_paired.p_value", binom.test(c, b + c)$p.value)

write_json17(out, "vba_selftest.json")
