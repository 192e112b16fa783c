# Fixture generator for three or more waves (tests/cli_waves.rs): every comparison of two waves
# of `ttest-xl analyze`, done independently in R on the same workbooks.
#
#  * tests/data/waves/yearly_anonymous.xlsx: sheets 令和5年度, 令和4年度, 令和6年度 (workbook
#    order), no ID (a `No` column counting answers): waves in time order 令和4 → 令和5 → 令和6,
#    Welch's t-test on every respondent of each wave.
#  * tests/data/waves/paired_rounds.xlsx: 第1回, 第2回, 第3回 paired by 職員番号: each pair of
#    rounds is an inner join on 職員番号 (people in both), paired t-test.
#
# Read here with readxl and cleaned here (full-width digits → numbers, 「無回答」 and blanks → NA).
# Per comparison and item: t.test(later, earlier[, paired = TRUE]), effectsize::cohens_d /
# hedges_g (0.8.3); p.adjust over every comparison × item together (one family). Trend: for each
# wave and item, mean, sd and t.test(x)$conf.int over every respondent of the wave.
# Shares of positive answers (issue 14): the positive answers are the top two points of the
# questionnaire's 1–5 scale (4, 5; the top is the highest answer in the workbook, checked to be 5).
# Per comparison and item: independent waves prop.test(c(x1, x2), c(n1, n2), correct = FALSE)
# for p and Newcombe's hybrid score interval (Newcombe 1998a, method 10) from the Wilson limits
# of prop.test(x, n, correct = FALSE)$conf.int; paired waves binom.test(c, b + c) (exact
# McNemar) and Newcombe's paired interval (1998b, method 10), coded from the papers; the share
# p-values p.adjust'ed over every comparison × item as a family of their own. Trend: per wave and
# item, the share and prop.test(x, n, correct = FALSE)$conf.int (Wilson 1927).
# Orientation later − earlier: every call is f(later, earlier).
# Run from this directory: Rscript waves.R  (writes waves.json).
source("json17.R")
suppressPackageStartupMessages({ library(effectsize); library(readxl) })
num1 <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "NA" else sprintf("%.17g", x)

clean <- function(v) {
  v <- trimws(chartr("０１２３４５６７８９．", "0123456789.", as.character(v)))
  suppressWarnings(as.numeric(v))
}

read_wave <- function(path, sheet) {
  d <- read_excel(path, sheet = sheet, col_types = "text")
  for (it in names(d)[-1]) d[[it]] <- clean(d[[it]])
  d
}

source("shares_common.R")

one_item <- function(name, first, second, paired, positive) {
  sh <- if (paired) share_paired(first, second, positive) else share_indep(first, second, positive)
  sh$counts <- NULL
  names(sh)[names(sh) == "call"] <- "share_call"
  if (paired) {
    ok <- !is.na(first) & !is.na(second); first <- first[ok]; second <- second[ok]
  } else {
    first <- first[!is.na(first)]; second <- second[!is.na(second)]
  }
  r <- list(item = name, n_1 = length(first), n_2 = length(second))
  r$mean_1 <- num1(mean(first)); r$mean_2 <- num1(mean(second))
  r$sd_1 <- num1(sd(first)); r$sd_2 <- num1(sd(second))
  if (paired) {
    tt <- t.test(second, first, paired = TRUE)
    d <- cohens_d(second, first, paired = TRUE); g <- hedges_g(second, first, paired = TRUE)
    r$mean_diff <- num1(unname(tt$estimate))
    r$call <- "t.test(later, earlier, paired = TRUE); cohens_d/hedges_g(later, earlier, paired = TRUE)"
  } else {
    tt <- t.test(second, first)
    d <- cohens_d(second, first, pooled_sd = FALSE); g <- hedges_g(second, first, pooled_sd = FALSE)
    r$mean_diff <- num1(mean(second) - mean(first))
    r$call <- "t.test(later, earlier); cohens_d/hedges_g(later, earlier, pooled_sd = FALSE)"
  }
  r$conf_low <- num1(tt$conf.int[1]); r$conf_high <- num1(tt$conf.int[2])
  r$statistic <- num1(unname(tt$statistic)); r$df <- num1(unname(tt$parameter))
  r$p_value <- num1(tt$p.value)
  r$cohen_d <- num1(d[[1]]); r$hedges_g <- num1(g[[1]])
  r$share_positive <- I(positive)
  for (k in names(sh)) r[[k]] <- if (k == "share_call") sh[[k]] else num1(sh[[k]])
  r
}

# One run: waves (list of data frames in time order), the comparisons as (earlier, later) index
# pairs, paired by `id` or not.
run <- function(path, sheets, pairs, id = NULL, adjust = "holm") {
  run_frames(lapply(sheets, function(s) read_wave(path, s)), sheets, pairs, id, adjust)
}

run_frames <- function(waves, sheets, pairs, id = NULL, adjust = "holm") {
  items <- names(waves[[1]])[-1]
  # The questionnaire's scale: 1 up to the highest answer in any wave and item (5 here).
  top <- max(unlist(lapply(waves, function(w) unlist(w[items]))), na.rm = TRUE)
  stopifnot(top == 5)
  positive <- c(top - 1, top)
  comparisons <- lapply(pairs, function(pr) {
    a <- waves[[pr[1]]]; b <- waves[[pr[2]]]
    if (!is.null(id)) {
      m <- merge(a, b, by = id, suffixes = c(".first", ".second"), sort = FALSE)
      res <- lapply(items, function(it)
        one_item(it, m[[paste0(it, ".first")]], m[[paste0(it, ".second")]], TRUE, positive))
    } else {
      res <- lapply(items, function(it) one_item(it, a[[it]], b[[it]], FALSE, positive))
    }
    list(first = sheets[pr[1]], second = sheets[pr[2]],
         design = if (is.null(id)) "independent" else "paired", items = res)
  })
  p <- unlist(lapply(comparisons, function(c) vapply(c$items, function(r) as.numeric(r$p_value), 0)))
  q <- p.adjust(p, method = adjust)
  k <- 0
  for (i in seq_along(comparisons)) for (j in seq_along(comparisons[[i]]$items)) {
    k <- k + 1; comparisons[[i]]$items[[j]]$p_adjusted <- num1(q[k])
  }
  # The shares' p-values: a family of their own over every comparison × item (NA: not counted).
  sp <- unlist(lapply(comparisons, function(c) vapply(c$items, function(r) as.numeric(r$share_p_value), 0)))
  sq <- p.adjust(sp, method = adjust)
  k <- 0
  for (i in seq_along(comparisons)) for (j in seq_along(comparisons[[i]]$items)) {
    k <- k + 1; comparisons[[i]]$items[[j]]$share_p_adjusted <- num1(sq[k])
  }
  trend <- list()
  for (w in seq_along(waves)) for (it in items) {
    x <- waves[[w]][[it]]; x <- x[!is.na(x)]
    ci <- t.test(x)$conf.int
    xs <- sum(x %in% positive); ws <- wilson(xs, length(x))
    trend[[length(trend) + 1]] <- list(item = it, wave = sheets[w], n = length(x),
      mean = num1(mean(x)), sd = num1(sd(x)), conf_low = num1(ci[1]), conf_high = num1(ci[2]),
      share_positive = I(positive), share_count = xs, share = num1(xs / length(x)),
      share_conf_low = num1(ws[1]), share_conf_high = num1(ws[2]))
  }
  list(waves = lapply(seq_along(sheets), function(w) list(name = sheets[w], order = w, n = nrow(waves[[w]]))),
       adjust_call = sprintf("p.adjust(p over every comparison x item, method = \"%s\")", adjust),
       family_size = length(p), comparisons = comparisons, trend = trend,
       share_adjust_call = sprintf("p.adjust(share p over every comparison x item, method = \"%s\")", adjust),
       trend_call = "mean(x), sd(x), t.test(x)$conf.int over every respondent of the wave",
       trend_share_call = "sum(x %in% positive) / length(x), prop.test(sum(x %in% positive), length(x), correct = FALSE)$conf.int")
}

yearly <- "../data/waves/yearly_anonymous.xlsx"
years <- c("令和4年度", "令和5年度", "令和6年度")
rounds <- "../data/waves/paired_rounds.xlsx"
rnames <- c("第1回", "第2回", "第3回")
runs <- list()
runs[["yearly_baseline"]] <- run(yearly, years, list(c(1, 2), c(1, 3)))
runs[["yearly_consecutive"]] <- run(yearly, years, list(c(1, 2), c(2, 3)))
runs[["yearly_baseline_r5"]] <- run(yearly, years, list(c(2, 3)))
runs[["yearly_bonferroni"]] <- run(yearly, years, list(c(1, 2), c(1, 3)), adjust = "bonferroni")
runs[["rounds_baseline"]] <- run(rounds, rnames, list(c(1, 2), c(1, 3)), id = "職員番号")
runs[["rounds_consecutive"]] <- run(rounds, rnames, list(c(1, 2), c(2, 3)), id = "職員番号")

# One sheet, the waves as the values of 年度 (--group 年度).
long <- read_wave("../data/waves/long_format.xlsx", "回答")
fy <- c("2022年度", "2023年度", "2024年度")
long_waves <- lapply(fy, function(y) long[long[["年度"]] == y, ])
runs[["long_baseline"]] <- run_frames(long_waves, fy, list(c(1, 2), c(1, 3)))

write_json17(list(generated_by = "tests/reference/waves.R",
                  r_version = R.version.string,
                  effectsize = as.character(packageVersion("effectsize")),
                  runs = runs), "waves.json")
