# Shared helper for the fixture generators: write R values as JSON with 17 significant digits.
# jsonlite::toJSON keeps only 15 even with digits = NA, which is not enough for 1e-10 comparisons.
num17 <- function(x) {
  vapply(x, function(v) {
    if (is.na(v)) "\"NA\"" else if (is.infinite(v)) (if (v > 0) "\"Inf\"" else "\"-Inf\"")
    else sprintf("%.17g", v)
  }, "")
}

to_json17 <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    nms <- names(x)
    parts <- vapply(seq_along(x), function(i) to_json17(x[[i]]), "")
    if (is.null(nms)) return(paste0("[", paste(parts, collapse = ","), "]"))
    keys <- vapply(nms, function(k) jsonlite::toJSON(k, auto_unbox = TRUE), "")
    return(paste0("{", paste(paste0(keys, ":", parts), collapse = ","), "}"))
  }
  if (is.character(x) || is.factor(x)) {
    s <- vapply(as.character(x), function(k) jsonlite::toJSON(k, auto_unbox = TRUE), "")
  } else if (is.logical(x)) {
    s <- ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  } else {
    s <- num17(as.numeric(x))
  }
  # Vectors of length != 1 (and anything wrapped in I()) become arrays.
  if (length(x) == 1 && !inherits(x, "AsIs")) s else paste0("[", paste(s, collapse = ","), "]")
}

write_json17 <- function(x, path) {
  writeLines(to_json17(x), path)
  cat("wrote", path, "\n")
}
