# Generates kpi.json: reference values for the share (top-box) comparisons and the Welch contrast
# of issue 14, for tests/engine_kpi.rs. Run from this directory: Rscript kpi.R (R 4.2, Debian).
#
# * Independent shares: R's prop.test(correct = FALSE) for X² and p; Newcombe's (1998a) hybrid
#   score interval coded here from the paper, on the Wilson limits that R's one-sample
#   prop.test(correct = FALSE) returns. (kpi.py checks the same intervals with statsmodels.)
# * Paired shares: R's binom.test(c, b + c) for the exact McNemar p; Newcombe's (1998b) method 10
#   coded here from the paper (as in Altman et al. 2000, Statistics with Confidence, p. 52).
# * Contrast: k = 2, w = (1, -1) against R's t.test on raw data (Welch); k = 4 (difference in
#   differences) from the formula, with R's pt/qt.
source("json17.R")

wilson <- function(x, n, conf) {
  ci <- suppressWarnings(prop.test(x, n, correct = FALSE, conf.level = conf)$conf.int)
  c(ci[[1]], ci[[2]])
}

indep <- list()
for (case in list(c(31, 50, 37, 54), c(0, 20, 3, 25), c(20, 20, 18, 22), c(0, 10, 0, 12),
                  c(12, 12, 12, 12), c(6200, 10000, 6850, 10000), c(1, 1000, 999, 1000),
                  c(3, 7, 5, 6), c(45, 60, 30, 58))) {
  for (conf in c(0.95, 0.90, 0.99)) {
    x1 <- case[1]; n1 <- case[2]; x2 <- case[3]; n2 <- case[4]
    r <- suppressWarnings(prop.test(c(x1, x2), c(n1, n2), correct = FALSE))
    p1 <- x1 / n1; p2 <- x2 / n2
    w1 <- wilson(x1, n1, conf); w2 <- wilson(x2, n2, conf)
    d <- p2 - p1
    indep[[length(indep) + 1]] <- list(
      call = sprintf("prop.test(c(%d, %d), c(%d, %d), correct = FALSE); Newcombe hybrid, conf %g",
                     x1, x2, n1, n2, conf),
      x1 = x1, n1 = n1, x2 = x2, n2 = n2, conf_level = conf,
      estimate = d,
      conf_low = d - sqrt((p2 - w2[1])^2 + (w1[2] - p1)^2),
      conf_high = d + sqrt((w2[2] - p2)^2 + (p1 - w1[1])^2),
      statistic = unname(r$statistic), p_value = r$p.value)
  }
}

paired <- list()
for (case in list(c(20, 3, 9, 8), c(0, 0, 0, 5), c(10, 0, 5, 5), c(50, 12, 30, 108),
                  c(0, 7, 0, 0), c(1000, 200, 260, 540), c(5, 5, 5, 5), c(2, 1, 0, 1),
                  c(30, 0, 0, 10), c(8, 14, 3, 25))) {
  for (conf in c(0.95, 0.90)) {
    a <- case[1]; b <- case[2]; c <- case[3]; d <- case[4]
    n <- a + b + c + d
    p1 <- (a + b) / n; p2 <- (a + c) / n
    w1 <- wilson(a + b, n, conf); w2 <- wilson(a + c, n, conf)
    # Newcombe (1998b) method 10, for theta = p1 - p2 in the paper's orientation.
    phi <- 0
    den <- (a + b) * (c + d) * (a + c) * (b + d)
    if (den > 0) {
      det <- a * d - b * c
      num <- if (det > n / 2) det - n / 2 else if (det < 0) det else 0
      phi <- num / sqrt(den)
    }
    theta <- p1 - p2
    lo <- theta - sqrt((p1 - w1[1])^2 - 2 * phi * (p1 - w1[1]) * (w2[2] - p2) + (w2[2] - p2)^2)
    hi <- theta + sqrt((p2 - w2[1])^2 - 2 * phi * (p2 - w2[1]) * (w1[2] - p1) + (w1[2] - p1)^2)
    pv <- if (b + c == 0) 1 else binom.test(c, b + c)$p.value
    paired[[length(paired) + 1]] <- list(
      call = sprintf("binom.test(%d, %d); Newcombe method 10 for a=%d b=%d c=%d d=%d, conf %g",
                     c, b + c, a, b, c, d, conf),
      both = a, first_only = b, second_only = c, neither = d, conf_level = conf,
      # second - first: the paper's interval for p1 - p2, negated and swapped.
      estimate = -theta, conf_low = -hi, conf_high = -lo, p_value = pv, statistic = b)
  }
}

contrast <- list()
set.seed(14)
for (alt in c("two.sided", "less", "greater")) {
  x <- round(rnorm(23, 3.4, 0.9)); y <- round(rnorm(31, 3.1, 1.1))
  r <- t.test(x, y, alternative = alt, conf.level = 0.9)
  contrast[[length(contrast) + 1]] <- list(
    call = sprintf("t.test(x, y, alternative = \"%s\", conf.level = 0.9)", alt),
    n = I(c(length(x), length(y))), mean = I(c(mean(x), mean(y))), sd = I(c(sd(x), sd(y))),
    weights = I(c(1, -1)), alternative = alt, conf_level = 0.9,
    estimate = unname(r$estimate[1] - r$estimate[2]), std_err = r$stderr,
    statistic = unname(r$statistic), df = unname(r$parameter), p_value = r$p.value,
    conf_low = r$conf.int[1], conf_high = r$conf.int[2])
}
did <- function(n, m, s, w, alt, conf) {
  v <- w^2 * s^2 / n
  se <- sqrt(sum(v)); df <- sum(v)^2 / sum(v^2 / (n - 1))
  est <- sum(w * m); t <- est / se
  p <- switch(alt, two.sided = 2 * pt(-abs(t), df), less = pt(t, df),
              greater = pt(t, df, lower.tail = FALSE))
  ci <- switch(alt, two.sided = est + c(-1, 1) * qt(1 - (1 - conf) / 2, df) * se,
               less = c(-Inf, est + qt(conf, df) * se), greater = c(est - qt(conf, df) * se, Inf))
  list(call = sprintf("difference in differences, k = %d, %s", length(n), alt),
       n = I(n), mean = I(m), sd = I(s), weights = I(w), alternative = alt, conf_level = conf,
       estimate = est, std_err = se, statistic = t, df = df, p_value = p,
       conf_low = ci[1], conf_high = ci[2])
}
n4 <- c(40, 38, 35, 36); m4 <- c(3.1, 3.3, 3.2, 3.9); s4 <- c(0.8, 0.9, 0.7, 0.8)
for (alt in c("two.sided", "less", "greater")) {
  contrast[[length(contrast) + 1]] <- did(n4, m4, s4, c(1, -1, -1, 1), alt, 0.95)
}
contrast[[length(contrast) + 1]] <- did(c(5, 120, 9), c(2.2, 3.4, 4.1), c(1.3, 0.2, 0),
                                        c(0.5, -1, 0.5), "two.sided", 0.99)

write_json17(list(independent = indep, paired = paired, contrast = contrast), "kpi.json")
