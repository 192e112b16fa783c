# Reference values for the JZS Bayes factor (tests/engine_bayes_factor.rs, tests/c/bayes.c):
# BayesFactor 0.9.12-4.4, ttest.tstat(t, n1, n2, rscale, simple = TRUE) = BF10.
# Its integration error (properror, stored per case) is about 1e-8; |t| > 15 uses an approximation
# in BayesFactor, so those points come only from bayes_factor.py (mpmath quadrature).
#
# Run from this directory: Rscript bayes_factor.R   (apt-get install r-cran-bayesfactor)
source("json17.R")
suppressPackageStartupMessages(library(BayesFactor))
stopifnot(packageVersion("BayesFactor") >= "0.9.12")

cases <- list()
add <- function(t, n1, n2, r) {
  res <- ttest.tstat(t, n1, n2, rscale = r)
  if (is.na(res$bf)) stop(sprintf("BayesFactor failed at t = %g, n1 = %d, n2 = %d", t, n1, n2))
  cases[[length(cases) + 1]] <<- list(
    t = t, n1 = n1, n2 = n2, rscale = r, bf10 = exp(res$bf), ln_bf10 = res$bf,
    properror = res$properror,
    call = sprintf("ttest.tstat(t = %.17g, n1 = %d, n2 = %d, rscale = %.17g)", t, n1, n2, r))
}
for (r in c(sqrt(2) / 2, 1, sqrt(2), 0.3)) {
  for (t in c(0, 0.5, -1.3, 2.1, 3.7, -6, 9.5, 14.9)) {
    for (n in c(3, 10, 40, 250, 5000)) add(t, n, 0, r)
    for (nn in list(c(2, 3), c(5, 7), c(30, 30), c(120, 45), c(2000, 3000))) add(t, nn[1], nn[2], r)
  }
}
write_json17(list(generator = sprintf("bayes_factor.R (BayesFactor %s)",
                                      as.character(packageVersion("BayesFactor"))),
                  cases = cases), "bayes_factor.json")
