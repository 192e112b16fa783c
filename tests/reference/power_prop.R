# Generates power_prop.json: R's power.prop.test (stats, R 4.2) for src/stats/power_prop.rs, with
# tol = 1e-13 so that uniroot's answer is exact to about 13 digits (its default tolerance, 1.2e-4,
# would limit the comparison to 4). Run from this directory: Rscript power_prop.R
source("json17.R")
cases <- list()
for (pp in list(c(0.62, 0.70), c(0.5, 0.6), c(0.3, 0.2), c(0.05, 0.12), c(0.9, 0.95), c(0.4, 0.8))) {
  for (alt in c("two.sided", "one.sided")) {
    for (a in c(0.05, 0.01)) {
      r <- power.prop.test(p1 = pp[1], p2 = pp[2], sig.level = a, power = 0.8,
                           alternative = alt, tol = 1e-13)
      pw <- power.prop.test(n = 120, p1 = pp[1], p2 = pp[2], sig.level = a, alternative = alt)
      q <- power.prop.test(n = 150, p1 = pp[1], sig.level = a, power = 0.8, alternative = alt,
                           tol = 1e-13)
      cases[[length(cases) + 1]] <- list(
        call = sprintf("power.prop.test(p1 = %g, p2 = %g, sig.level = %g, power = 0.8, alternative = \"%s\")",
                       pp[1], pp[2], a, alt),
        p1 = pp[1], p2 = pp[2], alpha = a, alternative = alt, n = r$n, power_at_120 = pw$power,
        p2_at_150 = q$p2)
    }
  }
}
write_json17(list(cases = cases), "power_prop.json")
