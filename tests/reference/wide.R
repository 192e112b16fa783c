# Fixture generator for the wide paired layout (issue 20, class 5; tests/workbook_wide.rs): the
# answers of tests/data/wide/values.csv (written by scripts/make_wide_workbooks.py beside the
# workbooks that hold them as 事前_Q1 / 事後_Q1, Q1_前 / Q1_後, …), paired t-test per item with
# R's t.test(after, before, paired = TRUE), incomplete pairs dropped per item.
# Run from this directory: Rscript wide.R  (writes wide.json).
source("json17.R")
v <- read.csv("../data/wide/values.csv")
items <- c("Q1", "Q2", "Q3", "Q4")
out <- lapply(items, function(it) {
  b <- v[[paste0("before_", it)]]; a <- v[[paste0("after_", it)]]
  ok <- !is.na(a) & !is.na(b)
  r <- t.test(a[ok], b[ok], paired = TRUE)
  list(item = it, n = sum(ok), mean_1 = mean(b[ok]), mean_2 = mean(a[ok]),
       mean_diff = unname(r$estimate), statistic = unname(r$statistic),
       df = unname(r$parameter), p_value = r$p.value,
       conf_low = r$conf.int[1], conf_high = r$conf.int[2])
})
p <- p.adjust(sapply(out, `[[`, "p_value"), "holm")
for (k in seq_along(out)) out[[k]]$p_adjusted <- p[k]
write_json17(list(call = "t.test(after, before, paired = TRUE); p.adjust(p, 'holm')", items = out), "wide.json")
