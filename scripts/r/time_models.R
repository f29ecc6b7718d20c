#!/usr/bin/env Rscript
# R's side of scripts/bench-vs-r: time per series of R forecast's fit + forecast(h) on the first N series of an
# M3 long CSV, in this one R process (the script pins it to one core; BLAS/OpenMP threads 1).
# Usage: Rscript time_models.R <models> <n_series> <data_dir> [file] [m] [h] [reps]
#   reps: fits per series (default 1); a series' time is the total over its reps / reps. proc.time() ticks in
#         milliseconds, so thetaf (~5 ms) is timed with a few reps.
#   models: comma list of theta (thetaf), ets (ets + forecast), arima (auto.arima + forecast),
#           naive, snaive, mean (meanf), drift (rwf, drift = TRUE), naive2 (points only, as the reference script),
#           comb (ets + thetaf + auto.arima)
# Prints one line per model:
#   R model=theta series=100 median_ms=... mean_ms=... max_ms=... cpu_median_ms=... cpu_mean_ms=... total_s=... failed=0
# or "R model=x skipped=no-r-counterpart". Times: proc.time() around each series (elapsed; CPU = user + system).
suppressPackageStartupMessages(library(forecast))
args   <- commandArgs(trailingOnly = TRUE)
models <- if (length(args) >= 1) strsplit(args[1], ",")[[1]] else "theta"
maxn   <- if (length(args) >= 2) as.integer(args[2]) else 100L
dd     <- if (length(args) >= 3) args[3] else "../shared/data"
fname  <- if (length(args) >= 4) args[4] else "m3_monthly_train.csv"
m      <- if (length(args) >= 5) as.integer(args[5]) else 12L
h      <- if (length(args) >= 6) as.integer(args[6]) else 18L
reps   <- if (length(args) >= 7) max(1L, as.integer(args[7])) else 1L
levels <- c(80, 95)

tr  <- read.csv(file.path(dd, fname), stringsAsFactors = FALSE)
ids <- head(unique(tr$series_id), maxn)          # first N series in file order (as ModelSpeed reads them)
trs <- split(tr$value, factor(tr$series_id, levels = unique(tr$series_id)))[ids]

# naive2 as in ../shared/data/reference/run_r_forecast.R (M4 benchmark: naive on the series seasonally adjusted by
# classical multiplicative decomposition when the lag-m autocorrelation passes the 90% test)
seas_test <- function(x, m) {
  if (m <= 1 || length(x) < 3 * m) return(FALSE)
  a <- acf(x, lag.max = m, plot = FALSE)$acf[-1]
  lim <- 1.645 * sqrt((1 + 2 * sum(a[1:(m - 1)]^2)) / length(x))
  abs(a[m]) > lim
}
naive2 <- function(x, h) {
  m <- frequency(x)
  if (seas_test(x, m)) {
    si <- decompose(x, type = "multiplicative")$figure
    n <- length(x); pos <- (cycle(x)[n] + seq_len(h) - 1) %% m + 1
    xs <- x / si[cycle(x)]
    rep(tail(as.numeric(xs), 1), h) * si[pos]
  } else rep(tail(as.numeric(x), 1), h)
}
fit_one <- function(meth, x) {
  switch(meth,
    theta  = thetaf(x, h = h, level = levels),
    ets    = forecast(ets(x), h = h, level = levels),
    arima  = forecast(auto.arima(x), h = h, level = levels),
    naive  = naive(x, h = h, level = levels),
    snaive = snaive(x, h = h, level = levels),
    mean   = meanf(x, h = h, level = levels),
    drift  = rwf(x, h = h, drift = TRUE, level = levels),
    naive2 = naive2(x, h),
    comb   = list(forecast(ets(x), h = h, level = levels), thetaf(x, h = h, level = levels),
                  forecast(auto.arima(x), h = h, level = levels)),
    NULL)
}
known <- c("theta", "ets", "arima", "naive", "snaive", "mean", "drift", "naive2", "comb")

cat(sprintf("# %s, forecast %s, %d series from %s, h=%d, m=%d, reps=%d, BLAS: %s\n", R.version.string,
            as.character(packageVersion("forecast")), length(ids), fname, h, m, reps,
            tryCatch(basename(extSoftVersion()[["BLAS"]]), error = function(e) "?")))
for (meth in models) {
  if (!(meth %in% known)) { cat(sprintf("R model=%s skipped=no-r-counterpart\n", meth)); next }
  # warm-up: first-call overhead (lazy loading, byte compiling) is not charged to the first series
  invisible(tryCatch(fit_one(meth, ts(trs[[1]], frequency = m)), error = function(e) NULL))
  el <- numeric(length(ids)); cpu <- numeric(length(ids)); failed <- 0L
  for (i in seq_along(ids)) {
    x <- ts(trs[[i]], frequency = m)
    p0 <- proc.time()
    ok <- TRUE
    for (r in seq_len(reps)) ok <- tryCatch({ fit_one(meth, x); TRUE }, error = function(e) FALSE) && ok
    p1 <- proc.time()
    if (!ok) failed <- failed + 1L
    el[i]  <- (p1[["elapsed"]] - p0[["elapsed"]]) / reps
    cpu[i] <- ((p1[["user.self"]] + p1[["sys.self"]]) - (p0[["user.self"]] + p0[["sys.self"]])) / reps
  }
  cat(sprintf("R model=%s series=%d reps=%d median_ms=%.3f mean_ms=%.3f max_ms=%.1f cpu_median_ms=%.3f cpu_mean_ms=%.3f total_s=%.2f failed=%d\n",
              meth, length(ids), reps, 1000 * median(el), 1000 * mean(el), 1000 * max(el),
              1000 * median(cpu), 1000 * mean(cpu), sum(el) * reps, failed))
}
