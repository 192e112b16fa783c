# Reference values for effect sizes (tests/engine_effect_size.rs), R effectsize 0.8.3.
#
# For every case we store:
#  * the t-test summary (R t.test: statistic, df, estimate; n, mean, sd per group; sd of the
#    differences) from which the test builds a TTest value by hand;
#  * `pkg`: what effectsize itself reports (cohens_d / hedges_g / glass_delta). Its CI comes from
#    optim(abstol = 1e-9) and is good to about 1e-7, so the test compares it at 1e-6;
#  * `full`: the same quantities with the noncentral-t limits solved by uniroot(tol = 1e-15,
#    extendInt = "yes") on R's pt (exact here: all df <= 4e5 and |ncp| <= 37.62), following the
#    formulas of effectsize:::.effect_size_difference (printed with
#    Rscript -e 'effectsize:::.effect_size_difference'); compared at REL_NCT = 1e-8.
#    R prints "full precision may not have been achieved in 'pnt{final}'" while uniroot probes
#    far-away ncp values where pt is within 1e-10 of 1; at the roots (p = alpha/2) pt is exact.
#  * d_av (no R package implements it in 0.8.3): (mean(x - y) - mu) / ((sd(x) + sd(y))/2) with the
#    Algina & Keselman (2003) interval: paired-t ncp limits times sd(x - y)/(sqrt(n) s_av).
#  * Glass's delta bias-corrected: glass_delta() times J(n_y - 1), J as in effectsize::hedges_g.
#
# Run from this directory: Rscript effectsize.R
source("json17.R")
suppressPackageStartupMessages(library(effectsize))
stopifnot(packageVersion("effectsize") == "0.8.3")

J <- function(df) exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))

ncp_limits <- function(t, df, ci, alternative) {
  level <- if (alternative == "two.sided") ci else 2 * ci - 1
  a2 <- (1 - level) / 2
  w <- 5 + abs(t)
  lo <- uniroot(function(d) pt(t, df, d, lower.tail = FALSE) - a2, c(t - w, t + w),
                tol = 1e-15, extendInt = "yes", maxiter = 5000)$root
  hi <- uniroot(function(d) pt(t, df, d) - a2, c(t - w, t + w),
                tol = 1e-15, extendInt = "yes", maxiter = 5000)$root
  if (alternative == "less") lo <- -Inf
  if (alternative == "greater") hi <- Inf
  c(lo, hi)
}

es_row <- function(est, lim, h, j = 1) {
  list(estimate = est * j, low = lim[1] * sqrt(h) * j, high = lim[2] * sqrt(h) * j)
}

pkg_row <- function(tab) list(estimate = tab[[1]], low = tab$CI_low, high = tab$CI_high)

cases <- list()
add <- function(name, kind, x, y = NULL, mu = 0, ci = 0.95, alternative = "two.sided") {
  tt <- switch(kind,
    student = t.test(x, y, var.equal = TRUE, mu = mu, conf.level = ci, alternative = alternative),
    welch = t.test(x, y, mu = mu, conf.level = ci, alternative = alternative),
    paired = t.test(x, y, paired = TRUE, mu = mu, conf.level = ci, alternative = alternative),
    one_sample = t.test(x, mu = mu, conf.level = ci, alternative = alternative))
  t <- unname(tt$statistic); df <- unname(tt$parameter)
  rec <- list(name = name, kind = kind, mu = mu, conf = ci, alternative = alternative,
              statistic = t, df = df, estimate = if (kind %in% c("student", "welch"))
                unname(tt$estimate[1] - tt$estimate[2]) else unname(tt$estimate[1]),
              std_err = unname(tt$stderr),
              n_x = length(x), mean_x = mean(x), sd_x = sd(x))
  if (!is.null(y)) { rec$n_y <- length(y); rec$mean_y <- mean(y); rec$sd_y <- sd(y) }
  if (kind == "paired") rec$sd_diff <- sd(x - y)
  call_args <- sprintf("mu = %g, ci = %g, alternative = \"%s\"", mu, ci, alternative)
  if (kind == "student") {
    n1 <- length(x); n2 <- length(y); n <- n1 + n2
    s <- sd_pooled(x, y); h <- 1 / n1 + 1 / n2; d <- (mean(x) - mean(y) - mu) / s
    lim <- ncp_limits(t, df, ci, alternative)
    rec$call <- sprintf("cohens_d(x, y, pooled_sd = TRUE, %s); hedges_g(...)", call_args)
    rec$pkg_d <- pkg_row(cohens_d(x, y, pooled_sd = TRUE, mu = mu, ci = ci, alternative = alternative))
    rec$pkg_g <- pkg_row(hedges_g(x, y, pooled_sd = TRUE, mu = mu, ci = ci, alternative = alternative))
    rec$full_d <- es_row(d, lim, h); rec$full_g <- es_row(d, lim, h, J(df))
  }
  if (kind == "welch") {
    n1 <- length(x); n2 <- length(y); v1 <- var(x); v2 <- var(y)
    s <- sqrt((v1 + v2) / 2); h <- 2 * (n2 * v1 + n1 * v2) / (n1 * n2 * (v1 + v2))
    d <- (mean(x) - mean(y) - mu) / s
    lim <- ncp_limits(t, df, ci, alternative)
    rec$call <- sprintf("cohens_d(x, y, pooled_sd = FALSE, %s); hedges_g(...)", call_args)
    rec$pkg_d <- pkg_row(cohens_d(x, y, pooled_sd = FALSE, mu = mu, ci = ci, alternative = alternative))
    rec$pkg_g <- pkg_row(hedges_g(x, y, pooled_sd = FALSE, mu = mu, ci = ci, alternative = alternative))
    rec$full_d <- es_row(d, lim, h); rec$full_g <- es_row(d, lim, h, J(df))
  }
  if (kind %in% c("student", "welch")) {
    # Glass's delta: SD of y, df = n_y - 1, own t (effectsize:::.effect_size_difference, type "delta").
    n1 <- length(x); n2 <- length(y); s2 <- sd(y)
    h <- 1 / n2 + var(x) / (n1 * var(y)); tg <- (mean(x) - mean(y) - mu) / (s2 * sqrt(h))
    lim <- ncp_limits(tg, n2 - 1, ci, alternative)
    dl <- (mean(x) - mean(y) - mu) / s2
    rec$pkg_glass <- pkg_row(glass_delta(x, y, mu = mu, ci = ci, alternative = alternative))
    rec$full_glass <- es_row(dl, lim, h); rec$full_glass_g <- es_row(dl, lim, h, J(n2 - 1))
  }
  if (kind == "paired") {
    n <- length(x); sD <- sd(x - y); d <- (mean(x - y) - mu) / sD; h <- 1 / n
    lim <- ncp_limits(t, df, ci, alternative)
    rec$call <- sprintf("cohens_d(x, y, paired = TRUE, %s); hedges_g(...)", call_args)
    rec$pkg_d <- pkg_row(cohens_d(x, y, paired = TRUE, mu = mu, ci = ci, alternative = alternative))
    rec$pkg_g <- pkg_row(hedges_g(x, y, paired = TRUE, mu = mu, ci = ci, alternative = alternative))
    rec$full_d <- es_row(d, lim, h); rec$full_g <- es_row(d, lim, h, J(df))
    s_av <- (sd(x) + sd(y)) / 2; h_av <- (sD / s_av)^2 / n
    dav <- (mean(x - y) - mu) / s_av
    rec$full_dav <- es_row(dav, lim, h_av); rec$full_gav <- es_row(dav, lim, h_av, J(n - 1))
  }
  if (kind == "one_sample") {
    n <- length(x); d <- (mean(x) - mu) / sd(x); h <- 1 / n
    lim <- ncp_limits(t, df, ci, alternative)
    rec$call <- sprintf("cohens_d(x, %s); hedges_g(...)", call_args)
    rec$pkg_d <- pkg_row(cohens_d(x, mu = mu, ci = ci, alternative = alternative))
    rec$pkg_g <- pkg_row(hedges_g(x, mu = mu, ci = ci, alternative = alternative))
    rec$full_d <- es_row(d, lim, h); rec$full_g <- es_row(d, lim, h, J(df))
  }
  cases[[length(cases) + 1]] <<- rec
}

s1 <- sleep$extra[sleep$group == 1]; s2 <- sleep$extra[sleep$group == 2]
add("sleep student", "student", s1, s2)
add("sleep welch", "welch", s1, s2)
add("sleep paired", "paired", s1, s2)
add("sleep paired mu=-1 greater", "paired", s1, s2, mu = -1, alternative = "greater")
add("sleep paired conf 0.9 less", "paired", s1, s2, ci = 0.9, alternative = "less")
add("sleep one-sample mu=0.5", "one_sample", s2, mu = 0.5)
mt0 <- mtcars$mpg[mtcars$am == 0]; mt1 <- mtcars$mpg[mtcars$am == 1]
add("mtcars student manual-auto", "student", mt1, mt0)
add("mtcars welch manual-auto mu=2", "welch", mt1, mt0, mu = 2)
add("mtcars welch less conf 0.9", "welch", mt0, mt1, ci = 0.9, alternative = "less")
add("mtcars one-sample mu=20 greater", "one_sample", mtcars$mpg, mu = 20, alternative = "greater")
add("mtcars student greater mu=3", "student", mt1, mt0, mu = 3, alternative = "greater")
tgv <- ToothGrowth$len[ToothGrowth$supp == "VC"]; tgo <- ToothGrowth$len[ToothGrowth$supp == "OJ"]
add("ToothGrowth student OJ-VC", "student", tgo, tgv)
add("ToothGrowth welch OJ-VC conf 0.9", "welch", tgo, tgv, ci = 0.9)
add("ToothGrowth paired by position (OJ, VC)", "paired", tgo, tgv)
d05 <- ToothGrowth$len[ToothGrowth$dose == 0.5]; d2 <- ToothGrowth$len[ToothGrowth$dose == 2]
add("ToothGrowth dose 2 vs 0.5 welch (large d)", "welch", d2, d05)
set.seed(20240601)
rx <- rnorm(15, 0.4); ry <- rnorm(22, 0, 1.7)
add("seeded student 15 vs 22", "student", rx, ry)
add("seeded welch 15 vs 22 less", "welch", rx, ry, alternative = "less")
px <- rnorm(12, 10, 2); py <- px + rnorm(12, 0.8, 1)
add("seeded paired 12", "paired", px, py)
add("seeded paired 12 mu=-0.5 conf 0.9", "paired", px, py, mu = -0.5, ci = 0.9)
add("seeded one-sample n=40", "one_sample", rnorm(40, 0.3), alternative = "less")
add("seeded one-sample n=3", "one_sample", c(1.2, 2.9, 2.0), mu = 0.1)
add("seeded student n=2 vs 3", "student", c(3.1, 4.4), c(1.0, 1.9, 0.7))

write_json17(list(source = paste("R", getRversion(), "effectsize", packageVersion("effectsize")),
                  cases = cases), "effectsize.json")
