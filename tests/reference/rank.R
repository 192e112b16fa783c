# Fixture generator for src/stats/rank.rs: R's wilcox.test (rank-sum W and signed-rank V) and
# effectsize::rank_biserial, on data sets shipped with R, seeded random data, Likert-like survey
# answers with heavy ties, zero paired differences, and the n = 49/50 exact/normal boundary.
# Run from this directory: Rscript rank.R  (writes rank.json). R 4.2, effectsize 0.8.3.
source("json17.R")
suppressPackageStartupMessages(library(effectsize))
# Numbers travel as decimal strings with 17 significant digits (parsed exactly by Rust's
# str::parse::<f64>; serde_json's default float parser may be 1 ulp off).
s17 <- function(x) I(ifelse(is.na(x), "NA", sprintf("%.17g", x)))

alts <- c("two.sided", "less", "greater")
cases <- list()
add <- function(name, x, y, paired) {
  res <- list()
  for (a in alts) for (cc in c(TRUE, FALSE)) {
    w <- suppressWarnings(wilcox.test(x, y, paired = paired, alternative = a, correct = cc))
    res[[length(res) + 1]] <- list(
      call = sprintf("wilcox.test(x, y, paired = %s, alternative = \"%s\", correct = %s)",
                     paired, a, cc),
      alternative = a, correct = cc,
      statistic = s17(unname(w$statistic)), p_value = s17(w$p.value),
      exact = grepl("exact", w$method, fixed = TRUE), method = w$method)
  }
  rb <- suppressWarnings(rank_biserial(x, y, paired = paired, ci = NULL))$r_rank_biserial
  # Valid observations as wilcox.test counts them (paired: complete pairs with a non-zero difference).
  if (paired) {
    ok <- complete.cases(x, y); nx <- ny <- sum((x[ok] - y[ok]) != 0)
  } else {
    nx <- sum(!is.na(x)); ny <- sum(!is.na(y))
  }
  cases[[length(cases) + 1]] <<- list(
    name = name, paired = paired, x = s17(x), y = s17(y), n_x = nx, n_y = ny,
    rank_biserial = s17(rb),
    rank_biserial_call = sprintf("effectsize::rank_biserial(x, y, paired = %s)", paired),
    results = res)
}

# --- data sets shipped with R ---
add("sleep extra: group 1 vs 2 (unpaired, ties)", sleep$extra[sleep$group == 1],
    sleep$extra[sleep$group == 2], FALSE)
add("sleep extra: group 1 vs 2 (paired, ties and a zero difference)",
    sleep$extra[sleep$group == 1], sleep$extra[sleep$group == 2], TRUE)
add("mtcars mpg: automatic vs manual", mtcars$mpg[mtcars$am == 0], mtcars$mpg[mtcars$am == 1], FALSE)
add("mtcars hp: V-shaped vs straight", mtcars$hp[mtcars$vs == 0], mtcars$hp[mtcars$vs == 1], FALSE)
add("ToothGrowth len: OJ vs VC (n = 30 each)", ToothGrowth$len[ToothGrowth$supp == "OJ"],
    ToothGrowth$len[ToothGrowth$supp == "VC"], FALSE)
add("ToothGrowth len: OJ vs VC matched by row (paired)", ToothGrowth$len[ToothGrowth$supp == "OJ"],
    ToothGrowth$len[ToothGrowth$supp == "VC"], TRUE)
add("airquality Ozone: Month 5 vs 8 (with NA)", airquality$Ozone[airquality$Month == 5],
    airquality$Ozone[airquality$Month == 8], FALSE)
add("airquality Ozone vs Temp/2, May (paired, NA pairs dropped)",
    airquality$Ozone[airquality$Month == 5], airquality$Temp[airquality$Month == 5] / 2, TRUE)
dep_x <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
dep_y <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
add("Hollander & Wolfe depression scores (paired, exact)", dep_x, dep_y, TRUE)
add("Hollander & Wolfe depression scores (unpaired, ties in y)", dep_x, dep_y, FALSE)

# --- seeded random data (stored in the fixture) ---
set.seed(42)
add("random normal 10 vs 12 (exact)", round(rnorm(10, 0.5), 6), round(rnorm(12), 6), FALSE)
add("random 1 vs 1 (exact)", 0.3, 1.7, FALSE)
add("random 1 vs 8 (exact)", 2.5, round(rnorm(8), 6), FALSE)
add("random 3 vs 2 (exact)", c(5.1, 3.3, 4.4), c(1.2, 9.9), FALSE)
add("random 49 vs 49 (exact boundary)", rnorm(49, 0.3), rnorm(49), FALSE)
add("random 50 vs 49 (normal approximation boundary)", rnorm(50, 0.3), rnorm(49), FALSE)
add("random 49 vs 50 (normal approximation boundary)", rnorm(49, 0.3), rnorm(50), FALSE)
add("random 49 vs 49 completely separated (exact, tiny p)", rnorm(49, 100), rnorm(49), FALSE)
add("random 300 vs 250 separated (normal, far tail)", rnorm(300, 3), rnorm(250), FALSE)
add("random 2 vs 5000 (normal)", c(0.2, 1.9), rnorm(5000), FALSE)
add("random exponential 30 vs 45 (exact)", rexp(30), rexp(45, 2), FALSE)
add("random paired n = 12 (exact)", rnorm(12, 0.4), rnorm(12), TRUE)
add("random paired n = 49 (exact boundary)", rnorm(49, 0.2), rnorm(49), TRUE)
add("random paired n = 50 (normal boundary)", rnorm(50, 0.2), rnorm(50), TRUE)
add("random paired n = 1", 3.2, 1.1, TRUE)
add("random paired n = 2 negative", c(1, 2), c(3, 5.5), TRUE)
add("random paired n = 40 strongly positive (exact, tiny p)", rnorm(40, 10), rnorm(40), TRUE)
add("random paired n = 400 (normal, far tail)", rnorm(400, 1), rnorm(400), TRUE)
xz <- round(rnorm(20), 3); yz <- xz; yz[c(2, 7, 11, 15, 18)] <- round(rnorm(5), 3)
yz[c(1, 3, 4, 5, 6, 8, 9, 10)] <- xz[c(1, 3, 4, 5, 6, 8, 9, 10)] - round(runif(8, -1, 1), 2)
add("random paired with zero differences (no exact p)", xz, yz, TRUE)
xna <- rnorm(15); yna <- rnorm(15); xna[c(3, 9)] <- NA; yna[c(9, 12)] <- NA
add("random paired with NA in x and y", xna, yna, TRUE)
add("random unpaired with NA", xna, yna, FALSE)

# --- Likert-like survey answers 1..5 (heavy ties) ---
lik <- function(n, prob) sample(1:5, n, replace = TRUE, prob = prob)
add("Likert 1-5: 40 vs 55 respondents", lik(40, c(.1, .2, .3, .25, .15)),
    lik(55, c(.2, .3, .25, .15, .1)), FALSE)
add("Likert 1-5: 8 vs 6 respondents", lik(8, c(.1, .2, .3, .25, .15)),
    lik(6, c(.3, .3, .2, .1, .1)), FALSE)
add("Likert 1-5: 300 vs 280 respondents", lik(300, c(.1, .15, .3, .3, .15)),
    lik(280, c(.12, .18, .3, .25, .15)), FALSE)
pre <- lik(60, c(.15, .25, .3, .2, .1)); post <- pmin(5, pmax(1, pre + sample(-1:2, 60, TRUE)))
add("Likert 1-5 pre/post, 60 respondents (paired, many zeros and ties)", post, pre, TRUE)
pre2 <- lik(25, c(.2, .3, .3, .1, .1)); post2 <- pmin(5, pre2 + sample(0:1, 25, TRUE))
add("Likert 1-5 pre/post, 25 respondents (paired, zeros)", post2, pre2, TRUE)
add("Likert: only two distinct answers", c(4, 4, 5, 4, 5), c(4, 4, 4, 5, 4, 4), FALSE)

# --- errors (R refuses, or returns NaN where this library refuses) ---
err <- function(expr) tryCatch({ r <- suppressWarnings(expr); sprintf("no error, p = %s", r$p.value) },
                               error = function(e) conditionMessage(e))
errors <- list(
  list(name = "x all missing", kind = "too_few_x", paired = FALSE, x = s17(c(NA, NA)), y = s17(c(1, 2)),
       r_says = err(wilcox.test(c(NA_real_, NA), c(1, 2)))),
  list(name = "y all missing", kind = "too_few_y", paired = FALSE, x = s17(c(1, 2)), y = s17(c(NA_real_, NA)),
       r_says = err(wilcox.test(c(1, 2), c(NA_real_, NA)))),
  list(name = "y empty", kind = "too_few_y", paired = FALSE, x = s17(c(1, 2)), y = I(character(0)),
       r_says = err(wilcox.test(c(1, 2), numeric(0)))),
  list(name = "all values tied", kind = "constant", paired = FALSE, x = s17(c(3, 3)), y = s17(c(3, 3, 3)),
       r_says = err(wilcox.test(c(3, 3), c(3, 3, 3)))),
  list(name = "no complete pair", kind = "too_few_pairs", paired = TRUE, x = s17(c(NA, 1)), y = s17(c(2, NA)),
       r_says = err(wilcox.test(c(NA, 1), c(2, NA), paired = TRUE))),
  list(name = "all differences zero", kind = "too_few_pairs", paired = TRUE, x = s17(c(1, 2, 3)),
       y = s17(c(1, 2, 3)), r_says = err(wilcox.test(c(1, 2, 3), c(1, 2, 3), paired = TRUE))),
  list(name = "paired length mismatch", kind = "length", paired = TRUE, x = s17(c(1, 2, 3)),
       y = s17(c(1, 2)), r_says = err(wilcox.test(c(1, 2, 3), c(1, 2), paired = TRUE)))
)
# effectsize 0.8.3 quirk: when every paired difference has the same value, its rank transform
# returns unsigned average ranks, so a uniformly negative difference gives r = +1. The library
# follows the documented formula r = (V - (S - V)) / S with V from wilcox.test, computed here in R.
qx <- c(1, 2, 3); qy <- c(2, 3, 4)
qv <- unname(suppressWarnings(wilcox.test(qx, qy, paired = TRUE))$statistic); qs <- 3 * 4 / 2
quirk <- list(x = s17(qx), y = s17(qy),
              effectsize_says = s17(rank_biserial(qx, qy, paired = TRUE, ci = NULL)$r_rank_biserial),
              formula_call = "V <- wilcox.test(x, y, paired = TRUE)$statistic; (V - (S - V)) / S",
              formula_value = s17((qv - (qs - qv)) / qs))
write_json17(list(generator = "tests/reference/rank.R", r_version = R.version.string,
                  effectsize_version = as.character(packageVersion("effectsize")),
                  cases = cases, errors = errors, rank_biserial_quirk = quirk), "rank.json")
