# Reference values for tests/torture_engine.rs (numerical torture of the engine).
# Run from this directory: Rscript torture.R  ->  torture.json
source("json17.R")

x <- c(0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0)
y <- c(1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4)
tt <- function(r) list(statistic = unname(r$statistic), df = unname(r$parameter),
                       p_value = r$p.value, conf_low = r$conf.int[1], conf_high = r$conf.int[2],
                       estimate = unname(if (length(r$estimate) == 2) r$estimate[1] - r$estimate[2] else r$estimate))
out <- list(
  x = x, y = y,
  # Base results; the torture test scales x and y by 1e-300 / 1e300 / subnormal factors and
  # expects t, df and p unchanged (t is scale invariant) and estimate/CI scaled.
  welch = tt(t.test(x, y)),
  student = tt(t.test(x, y, var.equal = TRUE)),
  paired = tt(t.test(x, y, paired = TRUE)),
  # One group of size 1 (R allows it for var.equal = TRUE when the other has >= 2):
  student_one = tt(t.test(c(2.5), y, var.equal = TRUE)),
  student_one_rev = tt(t.test(x, c(-0.4), var.equal = TRUE)),
  student_one_two = tt(t.test(c(10), c(1, 3), var.equal = TRUE))
)
write_json17(out, "torture.json")
