# The random-point comparison of the t distribution that src/stats/tdist.rs quotes
# (tests/engine_tdist_random.rs): R 4.2 pt(t, df) in both tails (TOMS 708, Didonato & Morris 1992)
# at 4000 seeded points, df log-uniform on [0.3, 1e10], t = sign * 10^u with u uniform on
# [-3, 2] (t up to 100), about a quarter of the points in the far tails.
#
# Run from this directory: Rscript tdist_random.R
source("json17.R")
set.seed(20261204)
n <- 4000
df <- 10^runif(n, log10(0.3), 10)
t <- sample(c(-1, 1), n, replace = TRUE) * 10^runif(n, -3, 2)
lower <- pt(t, df)
upper <- pt(t, df, lower.tail = FALSE)
keep <- lower > 0 & upper > 0   # both tails representable as doubles
write_json17(list(generator = "tdist_random.R (R pt, set.seed(20261204))",
                  t = I(t[keep]), df = I(df[keep]), lower = I(lower[keep]), upper = I(upper[keep])),
             "tdist_random.json")
