# Generates ttest.json: reference values from R's stats::t.test, qt and pt for tests/engine_ttest.rs.
# Run from this directory: Rscript ttest.R   (R 4.2, Debian r-base-core)
source("json17.R")

cases <- list()
add <- function(name, call, kind, x, y = NULL, alternative = "two.sided", mu = 0,
                conf.level = 0.95) {
  # `call` is the R expression shown in test failures; the result is recomputed here from it.
  r <- eval(parse(text = call))
  est <- if (length(r$estimate) == 2) r$estimate[[1]] - r$estimate[[2]] else r$estimate[[1]]
  case <- list(name = name, call = call, kind = kind, x = I(x), y = if (is.null(y)) NULL else I(y),
               alternative = alternative, mu = mu, conf_level = conf.level,
               statistic = r$statistic[[1]], df = r$parameter[[1]], p_value = r$p.value,
               estimate = est, conf_low = r$conf.int[[1]], conf_high = r$conf.int[[2]],
               std_err = r$stderr)
  if (kind %in% c("one_sample", "student", "welch")) {
    xv <- x[!is.na(x)]
    case$n_x <- length(xv); case$missing_x <- sum(is.na(x))
    case$mean_x <- mean(xv); case$sd_x <- if (length(xv) > 1) sd(xv) else NA
    if (!is.null(y)) {
      yv <- y[!is.na(y)]
      case$n_y <- length(yv); case$missing_y <- sum(is.na(y))
      case$mean_y <- mean(yv); case$sd_y <- if (length(yv) > 1) sd(yv) else NA
    }
  }
  if (kind == "paired") {
    ok <- complete.cases(x, y)
    case$n_x <- sum(ok); case$missing_x <- sum(is.na(x)); case$missing_y <- sum(is.na(y))
    case$mean_x <- mean(x[ok]); case$sd_x <- sd(x[ok])
    case$mean_y <- mean(y[ok]); case$sd_y <- sd(y[ok])
    case$sd_diff <- sd(x[ok] - y[ok])
  }
  cases[[length(cases) + 1]] <<- case
}

# Summary-statistics case: R's mean/sd/n of the raw data in, R's t.test on the raw data as answer.
add_stats <- function(name, call, kind, x, y, ...) {
  add(name, call, kind, x, y, ...)
  i <- length(cases)
  cases[[i]]$kind <<- paste0(kind, "_from_stats")
  cases[[i]]$x <<- NULL
  cases[[i]]$y <<- NULL
  cases[[i]]$summary_x <<- list(n = length(x), mean = mean(x), sd = sd(x))
  cases[[i]]$summary_y <<- list(n = length(y), mean = mean(y), sd = sd(y))
}

# --- R data sets ---------------------------------------------------------------------------------
s1 <- sleep$extra[sleep$group == 1]; s2 <- sleep$extra[sleep$group == 2]
add("sleep paired", "t.test(s1, s2, paired = TRUE)", "paired", s1, s2)
add("sleep welch", "t.test(s1, s2)", "welch", s1, s2)
add("sleep student", "t.test(s1, s2, var.equal = TRUE)", "student", s1, s2)
add("sleep paired less 0.99", "t.test(s1, s2, paired = TRUE, alternative = 'less', conf.level = 0.99)",
    "paired", s1, s2, alternative = "less", conf.level = 0.99)
m0 <- mtcars$mpg[mtcars$am == 0]; m1 <- mtcars$mpg[mtcars$am == 1]
add("mtcars mpg~am welch", "t.test(m0, m1)  # t.test(mpg ~ am, data = mtcars)", "welch", m0, m1)
add("mtcars mpg~am student", "t.test(m0, m1, var.equal = TRUE)", "student", m0, m1)
add("mtcars mpg one-sample mu=20", "t.test(mtcars$mpg, mu = 20)", "one_sample", mtcars$mpg, mu = 20)
tg_oj <- ToothGrowth$len[ToothGrowth$supp == "OJ"]; tg_vc <- ToothGrowth$len[ToothGrowth$supp == "VC"]
add("ToothGrowth len~supp welch", "t.test(tg_oj, tg_vc)  # t.test(len ~ supp, data = ToothGrowth)",
    "welch", tg_oj, tg_vc)
add("ToothGrowth len~supp student greater 0.9",
    "t.test(tg_oj, tg_vc, var.equal = TRUE, alternative = 'greater', conf.level = 0.9)",
    "student", tg_oj, tg_vc, alternative = "greater", conf.level = 0.9)
add_stats("sleep welch from stats", "t.test(s1, s2)", "welch", s1, s2)
add_stats("sleep student from stats", "t.test(s1, s2, var.equal = TRUE)", "student", s1, s2)
add_stats("mtcars welch from stats less mu=-3", "t.test(m0, m1, alternative = 'less', mu = -3)",
          "welch", m0, m1, alternative = "less", mu = -3)
add_stats("ToothGrowth student from stats 0.99", "t.test(tg_oj, tg_vc, var.equal = TRUE, conf.level = 0.99)",
          "student", tg_oj, tg_vc, conf.level = 0.99)

# --- seeded random data ----------------------------------------------------------------------------
set.seed(20261125)
r1 <- round(rnorm(30, 50, 10), 3); r2 <- round(rnorm(45, 55, 14), 3)
add("random welch 30 vs 45", "t.test(r1, r2)", "welch", r1, r2)
add("random student 30 vs 45 mu=-2 greater", "t.test(r1, r2, var.equal = TRUE, mu = -2, alternative = 'greater')",
    "student", r1, r2, alternative = "greater", mu = -2)
add("random one-sample less 0.9", "t.test(r1, mu = 52, alternative = 'less', conf.level = 0.9)",
    "one_sample", r1, alternative = "less", mu = 52, conf.level = 0.9)
r3 <- r1 + round(rnorm(30, 1, 3), 3)
add("random paired mu=0.5 greater", "t.test(r3, r1, paired = TRUE, mu = 0.5, alternative = 'greater')",
    "paired", r3, r1, alternative = "greater", mu = 0.5)
add_stats("random welch from stats", "t.test(r1, r2)", "welch", r1, r2)
# NaN (NA in R) in the data: skipped per group, pairwise for paired data.
n1 <- r1; n1[c(3, 17)] <- NA; n2 <- r2; n2[c(1, 2, 40)] <- NA
add("random welch with NA", "t.test(n1, n2)", "welch", n1, n2)
add("random student with NA", "t.test(n1, n2, var.equal = TRUE)", "student", n1, n2)
add("random one-sample with NA", "t.test(n1, mu = 50)", "one_sample", n1, mu = 50)
p3 <- r3; p3[c(5, 17)] <- NA
add("random paired with NA", "t.test(p3, n1, paired = TRUE)", "paired", p3, n1)

# --- edge cases ------------------------------------------------------------------------------------
add("n = 2 one-sample", "t.test(c(1.5, 2.25))", "one_sample", c(1.5, 2.25))
add("n = 2 vs 2 welch", "t.test(c(1.5, 2.25), c(3, 3.5))", "welch", c(1.5, 2.25), c(3, 3.5))
add("n = 2 vs 2 student", "t.test(c(1.5, 2.25), c(3, 3.5), var.equal = TRUE)", "student",
    c(1.5, 2.25), c(3, 3.5))
add("n = 2 paired", "t.test(c(1.5, 2.25), c(3, 3.5), paired = TRUE)", "paired", c(1.5, 2.25), c(3, 3.5))
add("student 1 vs 5", "t.test(4.2, c(1.1, 2.3, 1.9, 2.8, 2.2), var.equal = TRUE)", "student",
    4.2, c(1.1, 2.3, 1.9, 2.8, 2.2))
set.seed(7)
big <- round(rnorm(5000, 100, 15), 2); two <- c(131.5, 140.25)
add("welch 2 vs 5000", "t.test(two, big)", "welch", two, big)
add("student 2 vs 5000", "t.test(two, big, var.equal = TRUE)", "student", two, big)
add("welch 5000 vs 2 less 0.99", "t.test(big, two, alternative = 'less', conf.level = 0.99)", "welch",
    big, two, alternative = "less", conf.level = 0.99)
set.seed(11)
z <- rnorm(101); h <- (z - mean(z)) / sd(z) * 0.25 + 1  # t = 4·sqrt(101) ≈ 40.2, df = 100
add("huge t one-sample df 100", "t.test(h)", "one_sample", h)
add("huge t one-sample df 100 less", "t.test(h, alternative = 'less')", "one_sample", h, alternative = "less")
add("huge t one-sample df 100 greater", "t.test(h, alternative = 'greater')", "one_sample", h,
    alternative = "greater")
w1 <- round(rnorm(60, 10, 1), 4); w2 <- round(rnorm(80, 3, 2), 4)
add("huge t welch", "t.test(w1, w2)", "welch", w1, w2)
add("huge t student", "t.test(w1, w2, var.equal = TRUE)", "student", w1, w2)

# --- errors: what R refuses (its message is stored as evidence) ----------------------------------
errors <- list()
err <- function(name, call, kind, x, y = NULL, error, alternative = "two.sided", mu = 0,
                conf.level = 0.95) {
  msg <- tryCatch({ eval(parse(text = call)); NA }, error = function(e) conditionMessage(e))
  stopifnot(!is.na(msg))
  errors[[length(errors) + 1]] <<- list(name = name, call = call, kind = kind, x = I(x),
    y = if (is.null(y)) NULL else I(y), alternative = alternative, mu = mu, conf_level = conf.level,
    r_message = msg, error = error)
}
err("one-sample n = 1", "t.test(3)", "one_sample", 3, error = "TooFew")
err("one-sample all NA but one", "t.test(c(NA, 3, NA))", "one_sample", c(NA, 3, NA), error = "TooFew")
err("one-sample constant", "t.test(c(2, 2, 2))", "one_sample", c(2, 2, 2), error = "Constant")
err("welch n = 1", "t.test(1, c(2, 3, 4))", "welch", 1, c(2, 3, 4), error = "TooFew")
err("welch both constant", "t.test(c(1, 1), c(2, 2))", "welch", c(1, 1), c(2, 2), error = "Constant")
err("student 1 vs 1", "t.test(1, 2, var.equal = TRUE)", "student", 1, 2, error = "TooFew")
err("student constant", "t.test(c(5, 5, 5), c(5, 5), var.equal = TRUE)", "student", c(5, 5, 5), c(5, 5),
    error = "Constant")
err("paired length mismatch", "t.test(c(1, 2, 3), c(1, 2), paired = TRUE)", "paired", c(1, 2, 3), c(1, 2),
    error = "LengthMismatch")
err("paired one complete pair", "t.test(c(1, NA, 3), c(NA, 2, 5), paired = TRUE)", "paired",
    c(1, NA, 3), c(NA, 2, 5), error = "TooFew")
err("paired constant differences", "t.test(c(1, 2, 3), c(0, 1, 2), paired = TRUE)", "paired",
    c(1, 2, 3), c(0, 1, 2), error = "Constant")
err("conf.level 1.5", "t.test(c(1, 2, 4), conf.level = 1.5)", "one_sample", c(1, 2, 4), conf.level = 1.5,
    error = "InvalidArgument")
err("conf.level -0.1", "t.test(c(1, 2, 4), c(3, 5), conf.level = -0.1)", "welch", c(1, 2, 4), c(3, 5),
    conf.level = -0.1, error = "InvalidArgument")
err("mu NA", "t.test(c(1, 2, 4), mu = NA)", "one_sample", c(1, 2, 4), mu = NA, error = "InvalidArgument")

# --- t distribution: pt (both tails) and qt, including df 1e5 and 1e6 -----------------------------
pts <- list()
for (df in c(0.5, 1, 2.5, 10, 100, 1000, 3e4, 1e5, 1e6, 1e7, 1e10)) for (q in c(-40, -8, -3, -1.96, -0.5, 0.1, 1, 2, 5, 12)) {
  pts[[length(pts) + 1]] <- list(q = q, df = df, lower = pt(q, df), upper = pt(q, df, lower.tail = FALSE),
                                 call = sprintf("pt(%g, %g)", q, df))
}
qts <- list()
for (df in c(1, 2.5, 7, 30, 100, 5000, 5e4, 1e5, 1e6, 1e7, 2e7, 1e12)) for (p in c(1e-10, 0.005, 0.025, 0.05, 0.3, 0.9, 0.95, 0.975, 0.995)) {
  qts[[length(qts) + 1]] <- list(p = p, df = df, q = qt(p, df), call = sprintf("qt(%g, %g)", p, df))
}

# df = Inf is the standard normal: pnorm and qnorm.
for (q in c(-37, -20, -8, -3, -1.96, -0.6, 0.3, 0.7, 1, 2, 5.6, 5.7, 9, 30)) {
  pts[[length(pts) + 1]] <- list(q = q, df = "Inf", lower = pnorm(q), upper = pnorm(q, lower.tail = FALSE),
                                 call = sprintf("pnorm(%g)  # pt(%g, Inf)", q, q))
}
for (p in c(1e-300, 1e-10, 0.005, 0.3, 0.975)) {
  qts[[length(qts) + 1]] <- list(p = p, df = "Inf", q = qnorm(p), call = sprintf("qnorm(%g)  # qt(%g, Inf)", p, p))
}

write_json17(list(r_version = R.version.string, cases = cases, errors = errors, pt = pts, qt = qts),
             "ttest.json")
