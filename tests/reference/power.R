# Reference values for power and sample size (tests/engine_power.rs), R package pwr.
#
#  * power: pwr::pwr.t.test(n, d, sig.level, type, alternative)$power and
#    pwr::pwr.t2n.test(n1, n2, d, sig.level, alternative)$power, as printed by pwr.
#  * solved n / n2 / d: pwr solves with uniroot() at its default tolerance (~1e-4), so its printed
#    n and d are good to about 4 digits only. The full-precision reference solves pwr's OWN power
#    function (the p.body printed by Rscript -e 'pwr::pwr.t.test') with uniroot(tol = 1e-14) on
#    pwr's own search interval. `pwr_value` keeps what pwr itself prints, for information.
#  * `error`: requests pwr cannot solve (uniroot: "f() values at end points not of opposite sign").
#
# All cases keep df <= 4e5 and |ncp| <= 37.62 at the solution, where R's pt is exact.
# Run from this directory: Rscript power.R
source("json17.R")
suppressPackageStartupMessages(library(pwr))

# pwr's power function, copied from the p.body of pwr.t.test / pwr.t2n.test (pwr 1.3-0).
pow1 <- function(n, d, sig.level, type, alternative) {
  tsample <- switch(type, one.sample = 1, two.sample = 2, paired = 1)
  tside <- switch(alternative, less = 1, two.sided = 2, greater = 1)
  if (tside == 2) d <- abs(d)
  nu <- (n - 1) * tsample
  ncp <- sqrt(n / tsample) * d
  switch(alternative,
    less = pt(qt(sig.level / tside, nu, lower = TRUE), nu, ncp = ncp, lower = TRUE),
    two.sided = {
      qu <- qt(sig.level / tside, nu, lower = FALSE)
      pt(qu, nu, ncp = ncp, lower = FALSE) + pt(-qu, nu, ncp = ncp, lower = TRUE)
    },
    greater = pt(qt(sig.level / tside, nu, lower = FALSE), nu, ncp = ncp, lower = FALSE))
}
pow2 <- function(n1, n2, d, sig.level, alternative) {
  tside <- switch(alternative, less = 1, two.sided = 2, greater = 1)
  if (tside == 2) d <- abs(d)
  nu <- n1 + n2 - 2
  ncp <- d * (1 / sqrt(1 / n1 + 1 / n2))
  switch(alternative,
    less = pt(qt(sig.level / tside, nu, lower = TRUE), nu, ncp = ncp, lower = TRUE),
    two.sided = {
      qu <- qt(sig.level / tside, nu, lower = FALSE)
      pt(qu, nu, ncp = ncp, lower = FALSE) + pt(-qu, nu, ncp = ncp, lower = TRUE)
    },
    greater = pt(qt(sig.level / tside, nu, lower = FALSE), nu, ncp = ncp, lower = FALSE))
}
d_int <- function(alternative) switch(alternative, two.sided = c(1e-7, 10), less = c(-10, 5),
                                       greater = c(-5, 10))
solve <- function(f, int) {
  r <- tryCatch(uniroot(f, int, tol = 1e-14, maxiter = 10000)$root, error = function(e) NA)
  r
}

power_cases <- list(); solve_n <- list(); solve_d <- list()
power2n <- list(); solve_n2 <- list(); solve_d2n <- list()

for (type in c("two.sample", "paired", "one.sample")) for (alt in c("two.sided", "less", "greater")) {
  for (v in list(c(20, 0.5, 0.05), c(5, 1.2, 0.05), c(64, 0.5, 0.05), c(12.5, -0.8, 0.01),
                 c(200, 0.2, 0.1), c(3, 2, 0.05), c(1000, -0.05, 0.05))) {
    n <- v[1]; d <- v[2]; a <- v[3]
    p <- pwr.t.test(n = n, d = d, sig.level = a, type = type, alternative = alt)$power
    power_cases[[length(power_cases) + 1]] <- list(type = type, alternative = alt, n = n, d = d,
      alpha = a, power = p, call = sprintf("pwr.t.test(n = %g, d = %g, sig.level = %g, type = \"%s\", alternative = \"%s\")$power", n, d, a, type, alt))
  }
  for (v in list(c(0.5, 0.05, 0.8), c(0.8, 0.05, 0.9), c(0.2, 0.01, 0.8), c(-0.5, 0.05, 0.8),
                 c(1.5, 0.05, 0.95), c(0, 0.05, 0.8))) {
    d <- v[1]; a <- v[2]; pw <- v[3]
    full <- solve(function(n) pow1(n, d, a, type, alt) - pw, c(2 + 1e-10, 1e9))
    pk <- tryCatch(pwr.t.test(d = d, sig.level = a, power = pw, type = type, alternative = alt)$n,
                   error = function(e) NA)
    solve_n[[length(solve_n) + 1]] <- list(type = type, alternative = alt, d = d, alpha = a,
      power = pw, n = full, pwr_value = pk, error = is.na(full),
      call = sprintf("uniroot(pwr power(n, d = %g, sig.level = %g, \"%s\", \"%s\") - %g, c(2+1e-10, 1e9), tol = 1e-14)", d, a, type, alt, pw))
  }
  for (v in list(c(20, 0.05, 0.8), c(50, 0.01, 0.9), c(8, 0.05, 0.5), c(300, 0.05, 0.8),
                 c(10, 0.05, 0.04))) {
    n <- v[1]; a <- v[2]; pw <- v[3]
    full <- solve(function(d) pow1(n, d, a, type, alt) - pw, d_int(alt))
    pk <- tryCatch(pwr.t.test(n = n, sig.level = a, power = pw, type = type, alternative = alt)$d,
                   error = function(e) NA)
    solve_d[[length(solve_d) + 1]] <- list(type = type, alternative = alt, n = n, alpha = a,
      power = pw, d = full, pwr_value = pk, error = is.na(full),
      call = sprintf("uniroot(pwr power(d, n = %g, sig.level = %g, \"%s\", \"%s\") - %g, pwr interval, tol = 1e-14)", n, a, type, alt, pw))
  }
}

for (alt in c("two.sided", "less", "greater")) {
  for (v in list(c(10, 30, 0.5, 0.05), c(2, 5000, 1, 0.05), c(25, 40, -0.6, 0.01), c(100, 7, 0.3, 0.1))) {
    p <- pwr.t2n.test(n1 = v[1], n2 = v[2], d = v[3], sig.level = v[4], alternative = alt)$power
    power2n[[length(power2n) + 1]] <- list(alternative = alt, n1 = v[1], n2 = v[2], d = v[3],
      alpha = v[4], power = p, call = sprintf("pwr.t2n.test(n1 = %g, n2 = %g, d = %g, sig.level = %g, alternative = \"%s\")$power", v[1], v[2], v[3], v[4], alt))
  }
  for (v in list(c(30, 0.5, 0.05, 0.8), c(15, 0.8, 0.05, 0.9), c(100, 0.3, 0.05, 0.8),
                 c(5, 0.5, 0.05, 0.9))) {
    full <- solve(function(n2) pow2(v[1], n2, v[2], v[3], alt) - v[4], c(2 + 1e-10, 1e9))
    pk <- tryCatch(pwr.t2n.test(n1 = v[1], d = v[2], sig.level = v[3], power = v[4], alternative = alt)$n2,
                   error = function(e) NA)
    solve_n2[[length(solve_n2) + 1]] <- list(alternative = alt, n1 = v[1], d = v[2], alpha = v[3],
      power = v[4], n2 = full, pwr_value = pk, error = is.na(full),
      call = sprintf("uniroot(pwr.t2n power(n1 = %g, n2, d = %g, sig.level = %g, \"%s\") - %g, c(2+1e-10, 1e9), tol = 1e-14)", v[1], v[2], v[3], alt, v[4]))
  }
  for (v in list(c(10, 30, 0.05, 0.8), c(3, 200, 0.05, 0.9), c(60, 60, 0.01, 0.8))) {
    full <- solve(function(d) pow2(v[1], v[2], d, v[3], alt) - v[4], d_int(alt))
    pk <- tryCatch(pwr.t2n.test(n1 = v[1], n2 = v[2], sig.level = v[3], power = v[4], alternative = alt)$d,
                   error = function(e) NA)
    solve_d2n[[length(solve_d2n) + 1]] <- list(alternative = alt, n1 = v[1], n2 = v[2], alpha = v[3],
      power = v[4], d = full, pwr_value = pk, error = is.na(full),
      call = sprintf("uniroot(pwr.t2n power(n1 = %g, n2 = %g, d, sig.level = %g, \"%s\") - %g, pwr interval, tol = 1e-14)", v[1], v[2], v[3], alt, v[4]))
  }
}

# Solved significance level (sig.level = NULL): pwr's interval c(1e-10, 1 - 1e-10).
solve_alpha <- list(); solve_alpha2n <- list()
a_int <- c(1e-10, 1 - 1e-10)
for (type in c("two.sample", "paired", "one.sample")) for (alt in c("two.sided", "less", "greater")) {
  for (v in list(c(20, 0.5, 0.8), c(50, 0.3, 0.5), c(8, 1.2, 0.9), c(30, 0.4, 0.6), c(5, 0, 0.8))) {
    n <- v[1]; d <- v[2]; pw <- v[3]
    full <- solve(function(a) pow1(n, d, a, type, alt) - pw, a_int)
    pk <- tryCatch(pwr.t.test(n = n, d = d, power = pw, sig.level = NULL, type = type,
                              alternative = alt)$sig.level, error = function(e) NA)
    solve_alpha[[length(solve_alpha) + 1]] <- list(type = type, alternative = alt, n = n, d = d,
      power = pw, alpha = full, pwr_value = pk, error = is.na(full),
      call = sprintf("uniroot(pwr power(sig.level, n = %g, d = %g, \"%s\", \"%s\") - %g, c(1e-10, 1-1e-10), tol = 1e-14)", n, d, type, alt, pw))
  }
}
for (alt in c("two.sided", "less", "greater")) {
  for (v in list(c(10, 30, 0.5, 0.5), c(40, 25, 0.6, 0.8), c(100, 7, 0.3, 0.3))) {
    full <- solve(function(a) pow2(v[1], v[2], v[3], a, alt) - v[4], a_int)
    pk <- tryCatch(pwr.t2n.test(n1 = v[1], n2 = v[2], d = v[3], power = v[4], sig.level = NULL,
                                alternative = alt)$sig.level, error = function(e) NA)
    solve_alpha2n[[length(solve_alpha2n) + 1]] <- list(alternative = alt, n1 = v[1], n2 = v[2],
      d = v[3], power = v[4], alpha = full, pwr_value = pk, error = is.na(full),
      call = sprintf("uniroot(pwr.t2n power(n1 = %g, n2 = %g, d = %g, sig.level, \"%s\") - %g, c(1e-10, 1-1e-10), tol = 1e-14)", v[1], v[2], v[3], alt, v[4]))
  }
}

write_json17(list(source = paste("R", getRversion(), "pwr", packageVersion("pwr")),
                  power = power_cases, solve_n = solve_n, solve_d = solve_d,
                  power_2n = power2n, solve_n2 = solve_n2, solve_d_2n = solve_d2n,
                  solve_alpha = solve_alpha, solve_alpha_2n = solve_alpha2n), "power.json")
