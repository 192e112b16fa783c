# Fixture generator for the shares of positive answers in `ttest-xl analyze` (issue 14.1),
# tests/cli_shares.rs: the share of positive answers per item before and after, done
# independently in R on the same workbooks.
#
#  * examples/staff_survey.xlsx, read and cleaned here exactly as analyze.R does (readxl; full-width
#    digits, numbers as text, Likert labels 1–5, 「無回答」 and blanks → NA), paired by an inner
#    join on 職員番号 (paired runs, overall and per 所属) or every row of each sheet (independent
#    runs, --test welch).
#  * shares_edge.xlsx, written here with openxlsx: 8 respondents paired by ID, one item nobody
#    answers 4 or 5 (0% both times), one everybody does (100% both times), one in between.
#
# Independent: prop.test(c(x1, x2), c(n1, n2), correct = FALSE) for p; Newcombe's (1998a) hybrid
# score interval (method 10) coded here from the paper on the Wilson limits of R's one-sample
# prop.test(correct = FALSE). Paired: binom.test(c, b + c) (exact McNemar; p = 1 without a
# discordant pair); Newcombe's (1998b) method 10 coded from the paper. p.adjust across the
# items' shares of each block. Differences are second − first.
# Run from this directory: Rscript shares.R  (writes shares.json and shares_edge.xlsx).
source("json17.R")
suppressPackageStartupMessages({ library(readxl); library(openxlsx) })
num1 <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "NA" else sprintf("%.17g", x)

likert <- c("全くそう思わない" = 1, "そう思わない" = 2, "どちらともいえない" = 3,
            "そう思う" = 4, "とてもそう思う" = 5)
clean <- function(v) {
  v <- trimws(chartr("０１２３４５６７８９．", "0123456789.", as.character(v)))
  out <- suppressWarnings(as.numeric(v))
  lab <- !is.na(v) & v %in% names(likert)
  out[lab] <- likert[v[lab]]
  out
}

source("shares_common.R")
# The counts first, then the shares, as the fixture has always listed them.
flat <- function(r) c(r$counts, r[setdiff(names(r), "counts")])

block <- function(items, first, second, paired, positive, adjust, by = "") {
  res <- lapply(items, function(it) {
    r <- flat(if (paired) share_paired(first[[it]], second[[it]], positive)
              else share_indep(first[[it]], second[[it]], positive))
    c(list(item = it), r)
  })
  p <- vapply(res, function(r) r$share_p_value, 0)
  q <- p.adjust(p, method = adjust)
  for (i in seq_along(res)) {
    res[[i]]$share_p_adjusted <- q[i]
    for (k in c("share_1", "share_2", "share_diff", "share_conf_low", "share_conf_high",
                "share_p_value", "share_p_adjusted")) res[[i]][[k]] <- num1(res[[i]][[k]])
  }
  list(by = by, positive = I(positive), adjust = adjust,
       adjust_call = sprintf("p.adjust(p, method = \"%s\")", adjust), items = res)
}

# ---- staff_survey.xlsx ----
path <- "../../examples/staff_survey.xlsx"
before <- read_excel(path, sheet = "事前", skip = 2, col_types = "text")
after <- read_excel(path, sheet = "事後", skip = 2, col_types = "text")
items <- names(before)[-(1:2)]
for (it in items) { before[[it]] <- clean(before[[it]]); after[[it]] <- clean(after[[it]]) }
m <- merge(before, after, by = "職員番号", suffixes = c(".first", ".second"), sort = FALSE)
first <- setNames(lapply(items, function(it) m[[paste0(it, ".first")]]), items)
second <- setNames(lapply(items, function(it) m[[paste0(it, ".second")]]), items)
all_first <- setNames(lapply(items, function(it) before[[it]]), items)
all_second <- setNames(lapply(items, function(it) after[[it]]), items)

runs <- list()
# Default: the top two points of the 1–5 scale.
runs[["staff_paired"]] <- list(block(items, first, second, TRUE, c(4, 5), "holm"))
by_blocks <- list(block(items, first, second, TRUE, c(4, 5), "holm"))
for (dep in unique(m[["所属.first"]])) {
  sel <- m[["所属.first"]] == dep
  by_blocks[[length(by_blocks) + 1]] <- block(items, lapply(first, `[`, sel),
                                              lapply(second, `[`, sel), TRUE, c(4, 5), "holm",
                                              by = dep)
}
runs[["staff_by"]] <- by_blocks
runs[["staff_paired_top1_bonferroni"]] <- list(block(items, first, second, TRUE, 5, "bonferroni"))
runs[["staff_welch"]] <- list(block(items, all_first, all_second, FALSE, c(4, 5), "holm"))
runs[["staff_welch_positive345_bh"]] <- list(block(items, all_first, all_second, FALSE, c(3, 4, 5),
                                                   "BH"))

# ---- shares_edge.xlsx: 0% and 100% on both sides ----
e1 <- data.frame(ID = 1:8, 低い = c(1, 2, 3, 2, 1, 3, 2, 1), 高い = c(4, 5, 5, 4, 5, 4, 5, 5),
                 普通 = c(1, 4, 5, 2, 3, 4, 2, 5))
e2 <- data.frame(ID = 1:8, 低い = c(2, 3, 1, 2, 3, 1, 2, 2), 高い = c(5, 5, 4, 4, 5, 5, 4, 5),
                 普通 = c(4, 4, 5, 3, 5, 4, 1, 5))
wb <- createWorkbook()
addWorksheet(wb, "事前"); writeData(wb, "事前", e1)
addWorksheet(wb, "事後"); writeData(wb, "事後", e2)
saveWorkbook(wb, "shares_edge.xlsx", overwrite = TRUE)
eitems <- c("低い", "高い", "普通")
ef <- as.list(e1[eitems]); es <- as.list(e2[eitems])
runs[["edge_paired_positive45"]] <- list(block(eitems, ef, es, TRUE, c(4, 5), "holm"))
runs[["edge_welch_positive45"]] <- list(block(eitems, ef, es, FALSE, c(4, 5), "holm"))

write_json17(list(source = "R 4.2 prop.test(correct = FALSE), binom.test, p.adjust; Newcombe (1998a, 1998b) method 10 coded from the papers",
                  runs = runs), "shares.json")
