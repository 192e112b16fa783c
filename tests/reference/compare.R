# Fixture generator for the comparison group (`analyze --compare 受講`, tests/cli_compare.rs),
# computed independently in R on the same example workbooks (written by
# scripts/make_compare_workbooks.py), read here with readxl.
#
#  * examples/staff_survey_compare.xlsx: sheets 事前/事後 paired by 職員番号 (read as text: leading
#    zeros), 受講 あり/なし. Per item, complete pairs; change = 事後 − 事前; Welch's test of the
#    change scores between the groups: t.test(change ~ group) with group levels (あり, なし), so
#    the estimate is mean(あり) − mean(なし); Hedges' g: effectsize::hedges_g(pooled_sd = FALSE).
#  * examples/staff_survey_compare_anon.xlsx: no ID; the difference in differences
#    (B2 − B1) − (A2 − A1) of the four group means (A = なし, B = あり), computed by hand:
#    SE = sqrt(sum s^2/n), Welch–Satterthwaite df = SE^4 / sum((s^2/n)^2/(n − 1)),
#    p from pt, CI from qt (two-sided, and one-sided "greater" for --alternative greater).
# p.adjust(method = "holm") across the items of each run.
# Run from this directory: Rscript compare.R  (writes compare.json).
source("json17.R")
suppressPackageStartupMessages({ library(readxl); library(effectsize) })

items <- c("Q1 仕事のやりがい", "Q2 上司への相談", "Q3 業務の効率化", "Q4 研修内容の活用", "Q5 職場の風通し")
read <- function(path, sheet) {
  d <- as.data.frame(read_excel(path, sheet = sheet, col_types = "text"))
  for (q in items) d[[q]] <- as.numeric(d[[q]])
  d
}

paired_run <- function() {
  path <- "../../examples/staff_survey_compare.xlsx"
  b <- read(path, "事前"); a <- read(path, "事後")
  m <- merge(b, a, by = "職員番号", suffixes = c(".b", ".a"))
  stopifnot(all(m$受講.b == m$受講.a))
  m$group <- factor(m$受講.b, levels = c("あり", "なし"))
  out <- lapply(items, function(q) {
    x1 <- m[[paste0(q, ".b")]]; x2 <- m[[paste0(q, ".a")]]
    ok <- !is.na(x1) & !is.na(x2)
    d <- data.frame(change = x2[ok] - x1[ok], group = m$group[ok], x1 = x1[ok], x2 = x2[ok])
    tt <- t.test(change ~ group, data = d)  # Welch; mean(あり) − mean(なし)
    ct <- d$change[d$group == "あり"]; cc <- d$change[d$group == "なし"]
    g <- hedges_g(ct, cc, pooled_sd = FALSE)
    cell <- function(lev, col) d[[col]][d$group == lev]
    list(item = q,
         n = I(c(sum(d$group == "なし"), sum(d$group == "あり"))),
         means = I(c(mean(cell("なし", "x1")), mean(cell("なし", "x2")), mean(cell("あり", "x1")), mean(cell("あり", "x2")))),
         sds = I(c(sd(cell("なし", "x1")), sd(cell("なし", "x2")), sd(cell("あり", "x1")), sd(cell("あり", "x2")))),
         change_1 = mean(cc), change_2 = mean(ct),
         change_diff = unname(tt$estimate[1] - tt$estimate[2]),
         conf_low = tt$conf.int[1], conf_high = tt$conf.int[2],
         statistic = unname(tt$statistic), df = unname(tt$parameter), p_value = tt$p.value,
         std_err = tt$stderr,
         g = g$Hedges_g, g_low = g$CI_low, g_high = g$CI_high,
         call = "t.test(change ~ group) [levels あり, なし]; hedges_g(change[あり], change[なし], pooled_sd = FALSE)")
  })
  p <- p.adjust(sapply(out, `[[`, "p_value"), method = "holm")
  for (i in seq_along(out)) out[[i]]$p_adjusted <- p[i]
  out
}

did_run <- function(alternative) {
  path <- "../../examples/staff_survey_compare_anon.xlsx"
  b <- read(path, "事前"); a <- read(path, "事後")
  out <- lapply(items, function(q) {
    v <- list(A1 = b[[q]][b$受講 == "なし"], A2 = a[[q]][a$受講 == "なし"],
              B1 = b[[q]][b$受講 == "あり"], B2 = a[[q]][a$受講 == "あり"])
    v <- lapply(v, function(x) x[!is.na(x)])
    n <- sapply(v, length); mu <- sapply(v, mean); s <- sapply(v, sd)
    w <- c(1, -1, -1, 1)
    est <- sum(w * mu)
    parts <- s^2 / n
    se <- sqrt(sum(parts))
    df <- sum(parts)^2 / sum(parts^2 / (n - 1))
    t <- est / se
    if (alternative == "two.sided") {
      p <- 2 * pt(-abs(t), df); crit <- qt(0.975, df)
      lo <- est - crit * se; hi <- est + crit * se
    } else {
      p <- pt(t, df, lower.tail = FALSE); lo <- est - qt(0.95, df) * se; hi <- Inf
    }
    list(item = q, n = I(unname(n)), means = I(unname(mu)), sds = I(unname(s)),
         change_1 = unname(mu[2] - mu[1]), change_2 = unname(mu[4] - mu[3]),
         change_diff = est, conf_low = lo, conf_high = hi, statistic = t, df = df,
         p_value = p, std_err = se,
         call = sprintf("by hand: (B2 - B1) - (A2 - A1), SE = sqrt(sum(s^2/n)), Welch-Satterthwaite df, pt/qt (%s)", alternative))
  })
  p <- p.adjust(sapply(out, `[[`, "p_value"), method = "holm")
  for (i in seq_along(out)) out[[i]]$p_adjusted <- p[i]
  out
}

# tests/data/compare/long_blank.csv (hand-written): one sheet in long format (時期 事前/事後, paired
# by 職員番号); respondent 0003 has 受講 only before (read as あり), 0011 has none (left out).
long_run <- function() {
  d <- read.csv("../data/compare/long_blank.csv", colClasses = c(職員番号 = "character"),
                fileEncoding = "UTF-8", check.names = FALSE)
  b <- d[d$時期 == "事前", ]; a <- d[d$時期 == "事後", ]
  m <- merge(b, a, by = "職員番号", suffixes = c(".b", ".a"))
  lev <- ifelse(m$受講.b != "", m$受講.b, m$受講.a)
  keep <- lev != ""
  out <- lapply(c("Q1", "Q2"), function(q) {
    ch <- (m[[paste0(q, ".a")]] - m[[paste0(q, ".b")]])[keep]
    g <- lev[keep]
    tt <- t.test(ch[g == "あり"], ch[g == "なし"])
    list(item = q, change_diff = unname(tt$estimate[1] - tt$estimate[2]),
         conf_low = tt$conf.int[1], conf_high = tt$conf.int[2], statistic = unname(tt$statistic),
         df = unname(tt$parameter), p_value = tt$p.value, blank = sum(!keep),
         call = "t.test(change[あり], change[なし]) after merge by 職員番号, level from either sheet")
  })
  p <- p.adjust(sapply(out, `[[`, "p_value"), method = "holm")
  for (i in seq_along(out)) out[[i]]$p_adjusted <- p[i]
  out
}

write_json17(list(
  generated_by = "tests/reference/compare.R",
  r_version = R.version.string,
  effectsize_version = as.character(packageVersion("effectsize")),
  runs = list(paired = paired_run(), anonymous = did_run("two.sided"),
              anonymous_greater = did_run("greater"), long_blank = long_run())
), "compare.json")
