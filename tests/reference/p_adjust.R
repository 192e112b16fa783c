# Fixture generator for src/stats/p_adjust.rs: R's p.adjust on assorted p-value vectors.
# Run from this directory: Rscript p_adjust.R  (writes p_adjust.json)
# Every expected vector is `p.adjust(p, method = <method>)` in R 4.2 (stats package).
source("json17.R")
# Numbers travel as decimal strings with 17 significant digits: the tests parse them with Rust's
# correctly rounded `str::parse::<f64>`, so every double arrives bit-for-bit (serde_json's default
# float parser may be 1 ulp off, which would spoil an exact comparison).
s17 <- function(x) I(ifelse(is.na(x), "NA", sprintf("%.17g", x)))
set.seed(20261125)
methods <- c("holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none")

cases <- list()
add <- function(name, p) {
  adj <- lapply(methods, function(m) s17(p.adjust(p, method = m)))
  names(adj) <- methods
  cases[[length(cases) + 1]] <<- list(name = name, call = "p.adjust(p, method)", p = s17(p),
                                      adjusted = adj)
}

add("single value", 0.03)
add("single NA", NA)
add("two values", c(0.04, 0.01))
add("two values and NA", c(0.04, NA, 0.01))
add("three values", c(0.01, 0.04, 0.03))
add("textbook five with ties", c(0.01, 0.01, 0.03, 0.2, 0.2))
add("zeros and ones", c(0, 1, 0.5, 0, 1, 0.001))
add("all ones", c(1, 1, 1, 1))
add("all zeros", c(0, 0, 0))
add("survey items (12) with NA", c(0.0012, 0.043, NA, 0.21, 0.0049, 0.77, 0.043, NA, 0.0001, 0.5, 1, 0.032))
for (n in c(4, 7, 10, 25, 50, 100, 250, 1000)) {
  p <- runif(n)
  add(sprintf("uniform n=%d", n), p)
  # small p-values, as from real effects, mixed with nulls
  q <- c(10^-runif(n %/% 2, 1, 12), runif(n - n %/% 2))
  add(sprintf("mixed small n=%d", n), sample(q))
  # rounded values give ties; a few NA, 0 and 1
  r <- round(runif(n), 2)
  r[sample(n, max(1, n %/% 10))] <- NA
  r[sample(n, 1)] <- 0
  r[sample(n, 1)] <- 1
  add(sprintf("rounded with ties, NA, 0, 1 n=%d", n), r)
}
# BY's constant sum(1/(1:n)) is summed by R in extended precision: check long vectors cheaply
# with p = c(1e-9, rep(1, n - 1)), whose first adjusted value is (sum(1/(1:n)) * n / 1) * 1e-9.
by_long <- lapply(c(3, 17, 100, 1234, 5000, 20000, 100000, 1000000), function(n) list(
  n = n, call = "p.adjust(c(1e-9, rep(1, n - 1)), \"BY\")[1]",
  first = s17(p.adjust(c(1e-9, rep(1, n - 1)), "BY")[1]), harmonic = s17(sum(1 / (1:n)))))
write_json17(list(generator = "tests/reference/p_adjust.R", r_version = R.version.string,
                  cases = cases, by_long = by_long), "p_adjust.json")
