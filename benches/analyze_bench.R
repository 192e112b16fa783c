# Benchmark counterpart of `ttest-xl analyze` in R: readxl + t.test per item (paired by 職員番号),
# with Cohen's d_z and p.adjust(holm). Usage: Rscript analyze_bench.R big.xlsx
suppressPackageStartupMessages(library(readxl))
path <- commandArgs(trailingOnly = TRUE)[1]
before <- read_excel(path, sheet = "事前")
after <- read_excel(path, sheet = "事後")
m <- merge(before, after, by = "職員番号", suffixes = c(".first", ".second"))
items <- setdiff(names(before), c("職員番号", "所属"))
res <- t(vapply(items, function(it) {
  a <- m[[paste0(it, ".second")]]; b <- m[[paste0(it, ".first")]]
  tt <- t.test(a, b, paired = TRUE)
  d <- mean(a - b, na.rm = TRUE) / sd(a - b, na.rm = TRUE)
  c(t = unname(tt$statistic), p = tt$p.value, d = d)
}, c(t = 0, p = 0, d = 0)))
padj <- p.adjust(res[, "p"], "holm")
cat(sprintf("R: %d items, first t = %.6f, p_holm = %.3g\n", nrow(res), res[1, "t"], padj[1]))
