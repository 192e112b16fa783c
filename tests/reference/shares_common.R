# The shares of positive answers before and after, coded once for shares.R and waves.R:
# Wilson limits from R's one-sample prop.test(correct = FALSE); independent samples: Newcombe's
# (1998a) hybrid score interval (method 10) and prop.test(c(x1, x2), c(n1, n2), correct = FALSE);
# paired: Newcombe's (1998b) method 10 and the exact McNemar test binom.test(c, b + c) (p = 1
# without a discordant pair). Differences are second − first. Each returns the counts, the
# shares, the difference, its interval, p and the R call.

wilson <- function(x, n) {
  ci <- suppressWarnings(prop.test(x, n, correct = FALSE)$conf.int)
  c(ci[[1]], ci[[2]])
}

share_indep <- function(first, second, positive) {
  first <- first[!is.na(first)]; second <- second[!is.na(second)]
  x1 <- sum(first %in% positive); n1 <- length(first)
  x2 <- sum(second %in% positive); n2 <- length(second)
  p1 <- x1 / n1; p2 <- x2 / n2; d <- p2 - p1
  w1 <- wilson(x1, n1); w2 <- wilson(x2, n2)
  p <- suppressWarnings(prop.test(c(x1, x2), c(n1, n2), correct = FALSE)$p.value)
  list(counts = list(x1 = x1, n1 = n1, x2 = x2, n2 = n2), share_1 = p1, share_2 = p2,
       share_diff = d,
       share_conf_low = d - sqrt((p2 - w2[1])^2 + (w1[2] - p1)^2),
       share_conf_high = d + sqrt((w2[2] - p2)^2 + (p1 - w1[1])^2),
       share_p_value = p,
       call = sprintf("prop.test(c(%d, %d), c(%d, %d), correct = FALSE); Newcombe hybrid score",
                      x1, x2, n1, n2))
}

share_paired <- function(first, second, positive) {
  ok <- !is.na(first) & !is.na(second)
  f <- first[ok] %in% positive; s <- second[ok] %in% positive
  a <- sum(f & s); b <- sum(f & !s); c <- sum(!f & s); d <- sum(!f & !s)
  n <- a + b + c + d
  p1 <- (a + b) / n; p2 <- (a + c) / n
  w1 <- wilson(a + b, n); w2 <- wilson(a + c, n)
  phi <- 0
  den <- (a + b) * (c + d) * (a + c) * (b + d)
  if (den > 0) {
    det <- a * d - b * c
    num <- if (det > n / 2) det - n / 2 else if (det < 0) det else 0
    phi <- num / sqrt(den)
  }
  # The paper's interval for theta = p1 - p2, negated and swapped for second - first.
  theta <- p1 - p2
  lo <- theta - sqrt((p1 - w1[1])^2 - 2 * phi * (p1 - w1[1]) * (w2[2] - p2) + (w2[2] - p2)^2)
  hi <- theta + sqrt((p2 - w2[1])^2 - 2 * phi * (p2 - w2[1]) * (w1[2] - p1) + (w1[2] - p1)^2)
  pv <- if (b + c == 0) 1 else binom.test(c, b + c)$p.value
  list(counts = list(a = a, b = b, c = c, d = d), share_1 = p1, share_2 = p2,
       share_diff = -theta,
       share_conf_low = -hi, share_conf_high = -lo, share_p_value = pv,
       call = sprintf("binom.test(%d, %d); Newcombe paired method 10 (a=%d b=%d c=%d d=%d)",
                      c, b + c, a, b, c, d))
}

