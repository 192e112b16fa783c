# Fixture generator for `--adjust-family all` (tests/cli_council.rs): examples/staff_survey.xlsx
# broken down by 所属, paired t-test per department × item (R's t.test(second, first, paired =
# TRUE)), and Holm's adjustment over all department × item p-values together (p.adjust on the
# pooled vector), the whole sample keeping its own adjustment over its items.
# Reading and cleaning as in analyze.R (readxl, full-width digits, labels, text → NA; inner join
# on 職員番号).
# Run from this directory: Rscript adjust_family.R  (writes adjust_family.json).
source("json17.R")
suppressPackageStartupMessages(library(readxl))

likert <- c("全くそう思わない" = 1, "そう思わない" = 2, "どちらともいえない" = 3,
            "そう思う" = 4, "とてもそう思う" = 5)
clean <- function(v) {
  v <- trimws(chartr("０１２３４５６７８９．", "0123456789.", as.character(v)))
  out <- suppressWarnings(as.numeric(v))
  lab <- !is.na(v) & v %in% names(likert)
  out[lab] <- likert[v[lab]]
  out
}
path <- "../../examples/staff_survey.xlsx"
before <- read_excel(path, sheet = "事前", skip = 2, col_types = "text")
after <- read_excel(path, sheet = "事後", skip = 2, col_types = "text")
items <- names(before)[-(1:2)]
for (it in items) { before[[it]] <- clean(before[[it]]); after[[it]] <- clean(after[[it]]) }
m <- merge(before, after, by = "職員番号", suffixes = c(".first", ".second"), sort = FALSE)
depts <- unique(m[["所属.first"]][order(match(m[["職員番号"]], before[["職員番号"]]))])

p_of <- function(sel, it) {
  x <- m[[paste0(it, ".second")]][sel]; y <- m[[paste0(it, ".first")]][sel]
  ok <- !is.na(x) & !is.na(y)
  t.test(x[ok], y[ok], paired = TRUE)$p.value
}
rows <- expand.grid(item = items, by = depts, stringsAsFactors = FALSE)
rows$p <- mapply(function(dep, it) p_of(m[["所属.first"]] == dep, it), rows$by, rows$item)
rows$p_adjusted <- p.adjust(rows$p, method = "holm")
write_json17(list(source = "R 4.2 t.test(paired = TRUE), p.adjust(method = \"holm\") over all 所属 × items",
                  call = "p.adjust(p_all_departments_and_items, method = \"holm\")",
                  by = rows$by, item = rows$item,
                  p_value = rows$p,
                  p_adjusted = rows$p_adjusted),
             "adjust_family.json")
