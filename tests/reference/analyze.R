# Fixture generator for the CLI analysis (tests/cli_analyze.rs): the whole per-item analysis of
# `ttest-xl analyze`, done independently in R on the same workbooks.
#
#  * examples/staff_survey.xlsx (two sheets 事前/事後 paired by 職員番号), read here with readxl and
#    cleaned here (full-width digits, numbers stored as text, 「無回答」 and blanks → NA), paired by
#    an inner join on 職員番号: paired analysis, overall and per 所属 (--by), and Welch/Student/
#    Mann–Whitney on every respondent of each sheet, unpaired (--test welch|student|mann-whitney
#    compare all rows: none is dropped for lacking a partner).
#  * analyze_groups.xlsx, written here with openxlsx from seeded data: one sheet, group column 性別
#    (男性/女性), messy cells; independent Welch analysis (group-column layout).
#
# Per item: t.test, effectsize::cohens_d / hedges_g (0.8.3), wilcox.test (two-sided, R defaults),
# p.adjust across items, pwr sensitivity (smallest d with 80 % power). Orientation second − first:
# every call is f(second, first).
# Run from this directory: Rscript analyze.R  (writes analyze.json and analyze_groups.xlsx).
source("json17.R")
suppressPackageStartupMessages({
  library(effectsize); library(pwr); library(readxl); library(openxlsx)
})
s17 <- function(x) I(ifelse(is.na(x), "NA", sprintf("%.17g", x)))
num1 <- function(x) if (is.null(x) || length(x) == 0) "NA" else sprintf("%.17g", x)

likert <- c("全くそう思わない" = 1, "そう思わない" = 2, "どちらともいえない" = 3,
            "そう思う" = 4, "とてもそう思う" = 5)
clean <- function(v) {
  v <- trimws(chartr("０１２３４５６７８９．", "0123456789.", as.character(v)))
  out <- suppressWarnings(as.numeric(v))
  lab <- !is.na(v) & v %in% names(likert)
  out[lab] <- likert[v[lab]]
  out
}

one_item <- function(name, first, second, test, alt = "two.sided") {
  paired <- test %in% c("paired", "wilcoxon")
  if (paired) {
    ok <- !is.na(first) & !is.na(second); first <- first[ok]; second <- second[ok]
  } else {
    first <- first[!is.na(first)]; second <- second[!is.na(second)]
  }
  n1 <- length(first); n2 <- length(second)
  r <- list(item = name, n_1 = n1, n_2 = n2)
  if (n1 < 2 || n2 < 2) { r$excluded <- TRUE; r$p_value <- "NA"; return(r) }
  r$excluded <- FALSE
  r$mean_1 <- num1(mean(first)); r$mean_2 <- num1(mean(second))
  r$sd_1 <- num1(sd(first)); r$sd_2 <- num1(sd(second))
  if (paired) {
    tt <- t.test(second, first, paired = TRUE, alternative = alt)
    d <- cohens_d(second, first, paired = TRUE, alternative = alt)
    g <- hedges_g(second, first, paired = TRUE, alternative = alt)
    w <- suppressWarnings(wilcox.test(second, first, paired = TRUE))
    r$d_av <- num1(mean(second - first) / ((sd(second) + sd(first)) / 2))
    r$sensitivity_d <- num1(pwr.t.test(n = n1, sig.level = 0.05, power = 0.8, type = "paired",
                                        alternative = alt)$d)
    r$call <- "t.test(second, first, paired = TRUE); cohens_d/hedges_g(second, first, paired = TRUE); wilcox.test(second, first, paired = TRUE); pwr.t.test(n, power = .8, type = 'paired')"
  } else {
    eq <- test == "student"
    tt <- t.test(second, first, var.equal = eq)
    d <- cohens_d(second, first, pooled_sd = eq); g <- hedges_g(second, first, pooled_sd = eq)
    w <- suppressWarnings(wilcox.test(second, first))
    r$sensitivity_d <- num1(pwr.t2n.test(n1 = n1, n2 = n2, sig.level = 0.05, power = 0.8)$d)
    r$call <- sprintf("t.test(second, first, var.equal = %s); cohens_d/hedges_g(second, first, pooled_sd = %s); wilcox.test(second, first); pwr.t2n.test(n1, n2, power = .8)", eq, eq)
  }
  r$mean_diff <- num1(if (paired) unname(tt$estimate) else mean(second) - mean(first))
  r$conf_low <- num1(tt$conf.int[1]); r$conf_high <- num1(tt$conf.int[2])
  r$t <- num1(unname(tt$statistic)); r$df <- num1(unname(tt$parameter))
  r$t_p_value <- num1(tt$p.value)
  r$cohen_d <- num1(d[[1]]); r$cohen_d_low <- num1(d$CI_low); r$cohen_d_high <- num1(d$CI_high)
  r$hedges_g <- num1(g[[1]]); r$hedges_g_low <- num1(g$CI_low); r$hedges_g_high <- num1(g$CI_high)
  r$rank_statistic <- num1(unname(w$statistic)); r$rank_p_value <- num1(w$p.value)
  # The main test's statistic and p: the rank test for mann-whitney/wilcoxon, the t-test otherwise.
  if (test %in% c("mann-whitney", "wilcoxon")) {
    r$statistic <- r$rank_statistic; r$p_value <- r$rank_p_value
  } else {
    r$statistic <- r$t; r$p_value <- r$t_p_value
  }
  r
}

analyse <- function(items, first, second, test, adjust = "holm", by = NULL, alt = "two.sided") {
  res <- lapply(items, function(it) one_item(it, first[[it]], second[[it]], test, alt))
  p <- vapply(res, function(r) as.numeric(r$p_value), 0)
  q <- p.adjust(p, method = adjust)
  for (i in seq_along(res)) res[[i]]$p_adjusted <- num1(q[i])
  list(by = if (is.null(by)) "" else by, test = test, adjust = adjust,
       adjust_call = sprintf("p.adjust(p, method = \"%s\")", adjust), items = res)
}

# ---- staff_survey.xlsx: two sheets, header on row 3, paired by 職員番号 ----
path <- "../../examples/staff_survey.xlsx"
before <- read_excel(path, sheet = "事前", skip = 2, col_types = "text")
after <- read_excel(path, sheet = "事後", skip = 2, col_types = "text")
items <- names(before)[-(1:2)]
for (it in items) { before[[it]] <- clean(before[[it]]); after[[it]] <- clean(after[[it]]) }
m <- merge(before, after, by = "職員番号", suffixes = c(".first", ".second"), sort = FALSE)
first <- setNames(lapply(items, function(it) m[[paste0(it, ".first")]]), items)
second <- setNames(lapply(items, function(it) m[[paste0(it, ".second")]]), items)

runs <- list()
runs[["staff_paired"]] <- list(analyse(items, first, second, "paired"))
runs[["staff_paired_bonferroni"]] <- list(analyse(items, first, second, "paired", "bonferroni"))
by_blocks <- list(analyse(items, first, second, "paired"))
depts <- unique(m[["所属.first"]][order(match(m[["職員番号"]], before[["職員番号"]]))])
for (dep in depts) {
  sel <- m[["所属.first"]] == dep
  by_blocks[[length(by_blocks) + 1]] <- analyse(items, lapply(first, `[`, sel),
                                                lapply(second, `[`, sel), "paired", by = dep)
}
runs[["staff_by"]] <- by_blocks
runs[["staff_greater"]] <- list(analyse(items, first, second, "paired", alt = "greater"))
all_first <- setNames(lapply(items, function(it) before[[it]]), items)
all_second <- setNames(lapply(items, function(it) after[[it]]), items)
runs[["staff_welch"]] <- list(analyse(items, all_first, all_second, "welch"))
runs[["staff_student"]] <- list(analyse(items, all_first, all_second, "student"))
runs[["staff_mann_whitney"]] <- list(analyse(items, all_first, all_second, "mann-whitney"))
runs[["staff_wilcoxon"]] <- list(analyse(items, first, second, "wilcoxon"))

# ---- analyze_groups.xlsx: one sheet, group column 性別, independent samples ----
set.seed(20261125)
n <- 70
sex <- sample(c("男性", "女性"), n, replace = TRUE)
gitems <- c("満足度", "働きやすさ", "研修の効果", "通勤の負担")
shift <- c(0.4, 0, 0.25, -0.3)
cells <- data.frame(回答者 = sprintf("R%03d", 1:n), 性別 = sex, stringsAsFactors = FALSE)
for (k in seq_along(gitems)) {
  v <- pmin(5, pmax(1, round(3 + rnorm(n) + ifelse(sex == "女性", shift[k], 0))))
  cells[[gitems[k]]] <- as.character(v)
}
# Messy cells (kept as text in the workbook): blanks, 無回答, N/A, full-width digit, Likert label.
cells[3, "満足度"] <- ""; cells[8, "働きやすさ"] <- "無回答"; cells[15, "研修の効果"] <- "N/A"
cells[21, "満足度"] <- "４"; cells[30, "通勤の負担"] <- "そう思う"; cells[44, "働きやすさ"] <- "-"
wb <- createWorkbook()
addWorksheet(wb, "回答")
writeData(wb, "回答", data.frame(回答者 = cells$回答者, 性別 = cells$性別), startCol = 1)
for (k in seq_along(gitems)) {
  col <- cells[[gitems[k]]]
  # Numbers as numbers, everything else as text (as a person typing into Excel would leave them).
  num <- suppressWarnings(as.numeric(col))
  out <- ifelse(is.na(num), col, NA)
  writeData(wb, "回答", gitems[k], startCol = 2 + k, startRow = 1)
  for (i in seq_len(n)) {
    if (!is.na(num[i]) && grepl("^[0-9]+$", col[i])) {
      writeData(wb, "回答", num[i], startCol = 2 + k, startRow = i + 1)
    } else if (nzchar(col[i])) {
      writeData(wb, "回答", col[i], startCol = 2 + k, startRow = i + 1)
    }
  }
}
saveWorkbook(wb, "analyze_groups.xlsx", overwrite = TRUE)
g <- read_excel("analyze_groups.xlsx", sheet = "回答", col_types = "text")
for (it in gitems) g[[it]] <- clean(g[[it]])
gf <- setNames(lapply(gitems, function(it) g[[it]][g$性別 == "男性"]), gitems)
gs <- setNames(lapply(gitems, function(it) g[[it]][g$性別 == "女性"]), gitems)
runs[["groups_welch"]] <- list(analyse(gitems, gf, gs, "welch"))

# ---- messy.xlsx (built by tests/cli_analyze.rs): every kind of messy cell, cleaned by hand ----
# Sheets 事前/事後, title row, header on row 2 (ID, Q1, Q2, an item named like a formula), paired by
# ID; ID 11 only in 事前 and ID 12 only in 事後 are excluded. Cleaning as issue 5 specifies:
# 事前 Q1: 3, 「無回答」→NA, 「わからない」→NA, "3"(text)→3, "Strongly disagree"→1, date→NA, 9 (kept), 4, 2, 5
# 事前 Q2: blank→NA, "N/A"→NA, 「４」→4, 「とてもそう思う」→5, #N/A→NA, TRUE→NA, 2, 5, 3, 4
# 事後 Q2: ..., #DIV/0!→NA for ID 10.
mf <- list(Q1 = c(3, NA, NA, 3, 1, NA, 9, 4, 2, 5), Q2 = c(NA, NA, 4, 5, NA, NA, 2, 5, 3, 4),
           "=HYPERLINK(\"http://example.com\",\"x\")" = c(2, 3, 4, 2, 3, 4, 5, 3, 3, 4))
ms <- list(Q1 = c(4, 4, 5, 4, 3, 5, 4, 5, 3, 5), Q2 = c(4, 4, 3, 5, 4, 4, 3, 4, 4, NA),
           "=HYPERLINK(\"http://example.com\",\"x\")" = c(3, 4, 4, 3, 4, 5, 5, 4, 3, 5))
runs[["messy_paired"]] <- list(analyse(names(mf), mf, ms, "paired"))

write_json17(list(source = "R 4.2 t.test, wilcox.test, p.adjust; effectsize 0.8.3; pwr",
                  runs = runs), "analyze.json")
