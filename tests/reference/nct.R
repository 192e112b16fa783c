# Reference values for the noncentral t distribution (tests/engine_nct.rs).
#
# Two sources, on purpose:
#  * nct_mpmath.json (from nct.py): 40-digit mpmath quadrature of both tails. This is the truth
#    over the whole grid df 1..1e6, ncp -40..40.
#  * R's pt(q, df, ncp) / qt(p, df, ncp), added here. R's pnt (src/nmath/pnt.c, AS 243 with
#    errmax 1e-12) is exact only for df <= 4e5 and |ncp| <= 37.62; beyond that it switches to a
#    normal approximation (A&S 26.7.10), so those rows are marked r_exact = FALSE and the test
#    does not compare with R there (it still records how far R is from the truth).
#  * ncp confidence limits (Steiger 2004) solved with uniroot(tol = 1e-15) on R's pt, where R is
#    exact, for the noncentral-t interval tests.
#
# Run from this directory after nct.py:  python3 nct.py && Rscript nct.R
source("json17.R")
ref <- jsonlite::fromJSON("nct_mpmath.json")$grid
r_exact <- ref$df <= 4e5 & abs(ref$ncp) <= 37.62
r_cdf <- mapply(function(t, df, ncp) pt(t, df, ncp), ref$t, ref$df, ref$ncp)
r_sf <- mapply(function(t, df, ncp) pt(t, df, ncp, lower.tail = FALSE), ref$t, ref$df, ref$ncp)
truth_cdf <- as.numeric(ref$cdf)
cat("max |R pt - mpmath| where R is exact:", max(abs(r_cdf - truth_cdf)[r_exact]), "\n")
cat("max |R pt - mpmath| where R approximates:", max(abs(r_cdf - truth_cdf)[!r_exact]), "\n")

grid <- list()
for (i in seq_len(nrow(ref))) {
  grid[[i]] <- list(t = ref$t[i], df = ref$df[i], ncp = ref$ncp[i],
                    cdf = truth_cdf[i], sf = as.numeric(ref$sf[i]),
                    r_exact = r_exact[i],
                    r_cdf = r_cdf[i], r_sf = r_sf[i])
}

# Quantiles: qt(p, df, ncp) (R's qnt: bisection on pnt, accuracy about 1e-11 relative).
qcases <- expand.grid(p = c(1e-6, 0.025, 0.3, 0.5, 0.9, 0.975, 1 - 1e-6),
                      df = c(1, 2, 5, 30, 1000, 1e5), ncp = c(-20, -2, 0, 1.5, 10, 30))
quant <- lapply(seq_len(nrow(qcases)), function(i) {
  p <- qcases$p[i]; df <- qcases$df[i]; ncp <- qcases$ncp[i]
  q <- qt(p, df, ncp)
  # R's own round trip, to tell where qnt's search (accuracy about 1e-11 in p) is reliable.
  list(p = p, df = df, ncp = ncp, q = q, r_back = pt(q, df, ncp),
       call = sprintf("qt(%.17g, %g, %g)", p, df, ncp))
})

# ncp confidence limits (Steiger & Fouladi 1997; Steiger 2004) at full precision:
# lower solves pt(t, df, ncp, lower = FALSE) = alpha/2, upper solves pt(t, df, ncp) = alpha/2.
ncp_ci <- function(t, df, conf) {
  a2 <- (1 - conf) / 2
  w <- 10 + 2 * abs(t)
  lo <- uniroot(function(d) pt(t, df, d, lower.tail = FALSE) - a2, c(t - w, t + w), tol = 1e-15)$root
  hi <- uniroot(function(d) pt(t, df, d) - a2, c(t - w, t + w), tol = 1e-15)$root
  c(lo, hi)
}
icases <- list(c(2.5, 18, 0.95), c(-1.2, 9, 0.95), c(0, 30, 0.9), c(7.3, 5, 0.99),
               c(3.1, 1000, 0.95), c(-12, 40, 0.95), c(0.4, 1, 0.95), c(1.8, 2.5, 0.8),
               c(15, 100, 0.95), c(4.2, 1e5, 0.95))
intervals <- lapply(icases, function(v) {
  ci <- ncp_ci(v[1], v[2], v[3])
  list(t = v[1], df = v[2], conf = v[3], low = ci[1], high = ci[2],
       call = sprintf("uniroot(pt(%g, %g, ncp) - alpha/2, tol = 1e-15), conf = %g", v[1], v[2], v[3]))
})

write_json17(list(source = paste("truth: nct.py (mpmath quadrature); R", getRversion(), "pt/qt/uniroot"),
                  grid = grid, quantiles = quant, intervals = intervals), "nct.json")
