# Regenerates golden_theta.csv, the reference values used by SeasonalityTest, ThetaTest and Naive2Test.
#
#   Rscript golden_theta.R        (run in this directory; DATA_DIR defaults to ../../../../../../../../shared/data)
#
# Generated with R 4.2.2 and forecast 8.20. One CSV, columns id,record,step,v1,v2,v3,v4,v5:
#   series   step = m, v1 = h, v2 = the observations, space separated
#   seasonal step = 0, v1 = thetaf's test (1/0), v2 = the M4/Naive2 test (1/0)
#   figure   step = i (1..m), v1 = decompose(ts(y, frequency = m), "multiplicative")$figure[i]
#            (only where n >= 2m)
#   ses      step = 0, v1 = alpha, v2 = sigma2, v3 = last level, v4 = lsfit drift / 2 (thetaf's $model)
#   theta    step, v1..v5 = mean, lo80, hi80, lo95, hi95 of thetaf(ts(y, frequency = m), h, c(80, 95))
#   naive2   step, v1..v5 = mean, lo80, hi80, lo95, hi95: naive2 as shared/data/reference/run_r_forecast.R
#            computes the mean (M4 test, 1.645, n >= 3m; decompose figure; last adjusted value times the
#            index of the future period); the intervals are naive(adjusted, h)'s times the same index.
suppressMessages(library(forecast))
dd <- Sys.getenv("DATA_DIR", "../../../../../../../../shared/data")
read_series <- function(period) {
  tr <- read.csv(file.path(dd, sprintf("m3_%s_train.csv", period)), stringsAsFactors = FALSE)
  split(tr$value, tr$series_id)
}
yearly <- read_series("yearly"); quarterly <- read_series("quarterly"); monthly <- read_series("monthly")
series <- list(
  list(id = "N0001", m = 1L, h = 6L, y = yearly[["N0001"]]),
  list(id = "N0100", m = 1L, h = 6L, y = yearly[["N0100"]]),
  list(id = "N0646", m = 4L, h = 8L, y = quarterly[["N0646"]]),    # seasonal
  list(id = "N0886", m = 4L, h = 8L, y = quarterly[["N0886"]]),    # not seasonal
  list(id = "N1402", m = 12L, h = 18L, y = monthly[["N1402"]]),    # not seasonal, n = 50
  list(id = "N1702", m = 12L, h = 18L, y = monthly[["N1702"]]),    # seasonal
  list(id = "N1942", m = 12L, h = 18L, y = monthly[["N1942"]]),    # not seasonal, n = 126
  list(id = "N2002", m = 12L, h = 18L, y = monthly[["N2002"]]),    # seasonal, n = 126
  # 30 months: more than 2 seasons (thetaf tests and adjusts) but fewer than 3 (Naive2 does not)
  list(id = "N1702_30", m = 12L, h = 18L, y = head(monthly[["N1702"]], 30)),
  # AirPassengers 1949-1952
  list(id = "air48", m = 12L, h = 24L, y = as.numeric(window(AirPassengers, end = c(1952, 12)))),
  # n <= 6: ets() falls back to HoltWintersZZ (l0 = y[1], alpha by L-BFGS-B on the SSE, sigma2 = SSE/n)
  list(id = "short6", m = 1L, h = 4L, y = c(3, 5, 4, 6, 5, 7)),
  # constant: point forecasts equal the value, zero-width intervals
  list(id = "const12", m = 4L, h = 5L, y = rep(4.25, 12))
)

fmt <- function(x) sprintf("%.17g", x)
row <- function(...) paste(..., sep = ",")

seas_test_m4 <- function(x, m) {   # as run_r_forecast.R
  if (m <= 1 || length(x) < 3 * m) return(FALSE)
  a <- acf(x, lag.max = m, plot = FALSE)$acf[-1]
  lim <- 1.645 * sqrt((1 + 2 * sum(a[1:(m - 1)]^2)) / length(x))
  isTRUE(abs(a[m]) > lim)   # NA (constant series) counts as not seasonal
}
seas_test_theta <- function(x, m) {   # as in thetaf()
  n <- length(x)
  if (m > 1 && !is.constant(x) && n > 2 * m) {
    r <- as.numeric(acf(x, lag.max = m, plot = FALSE)$acf)[-1]
    stat <- sqrt((1 + 2 * sum(r[-m]^2)) / n)
    abs(r[m]) / stat > qnorm(0.95)
  } else FALSE
}

rows <- character()
for (s in series) {
  x <- ts(s$y, frequency = s$m); m <- s$m; h <- s$h; n <- length(x)
  rows <- c(rows, row(s$id, "series", m, h, paste(fmt(s$y), collapse = " "), "", "", ""))
  st <- seas_test_theta(x, m); s4 <- seas_test_m4(x, m)
  rows <- c(rows, row(s$id, "seasonal", 0, as.integer(st), as.integer(s4), "", "", ""))
  if (m > 1 && n >= 2 * m) {
    fig <- decompose(x, type = "multiplicative")$figure
    for (i in seq_len(m)) rows <- c(rows, row(s$id, "figure", i, fmt(fig[i]), "", "", "", ""))
  }
  th <- thetaf(x, h = h, level = c(80, 95))
  rows <- c(rows, row(s$id, "ses", 0, fmt(th$model$alpha), fmt(th$model$sigma), fmt(tail(ses(
    if (st) seasadj(decompose(x, type = "multiplicative")) else x, h = 1)$mean, 1)), fmt(th$model$drift), ""))
  for (k in seq_len(h)) rows <- c(rows, row(s$id, "theta", k, fmt(th$mean[k]), fmt(th$lower[k, 1]),
                                           fmt(th$upper[k, 1]), fmt(th$lower[k, 2]), fmt(th$upper[k, 2])))
  if (s4) {
    si <- decompose(x, type = "multiplicative")$figure
    pos <- (cycle(x)[n] + seq_len(h) - 1) %% m + 1
    xs <- x / si[cycle(x)]
    nf <- naive(as.numeric(xs), h = h, level = c(80, 95))
    mult <- si[pos]
  } else {
    nf <- naive(as.numeric(x), h = h, level = c(80, 95))
    mult <- rep(1, h)
  }
  for (k in seq_len(h)) rows <- c(rows, row(s$id, "naive2", k, fmt(nf$mean[k] * mult[k]),
                                           fmt(nf$lower[k, 1] * mult[k]), fmt(nf$upper[k, 1] * mult[k]),
                                           fmt(nf$lower[k, 2] * mult[k]), fmt(nf$upper[k, 2] * mult[k])))
}
writeLines(c("id,record,step,v1,v2,v3,v4,v5", rows), "golden_theta.csv")
