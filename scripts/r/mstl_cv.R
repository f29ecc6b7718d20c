#!/usr/bin/env Rscript
# R's side of the mstl measurements: refits R forecast's stlf (MSTL + ETS) and the seasonal naive at lag 336 on the
# rolling-origin windows `farm cv` uses, stlf also on the log scale (lambda = 0, as our mstl's default), and prints
# their MASE over the windows, scaled as farm cv's cv_metrics.csv scales it (each window's own training part's mean
# absolute difference at lag m = the first season, 48).
# Usage: Rscript mstl_cv.R <input.csv> <h> <windows> <step> [reps]
#   input.csv  unique_id,ds,y of one series (../shared/data/taylor_halfhourly.csv), rows in time order
#   reps       times each window's stlf is refitted for the timing (default 1)
# Windows as farm cv (statsforecast): cutoff_k = n - h - step * (windows - 1 - k), k = 0..windows-1, each trains on
# points 1..cutoff_k, an msts with seasonal periods 48 and 336. The first window's stlf is fitted once untimed
# (lazy loading). Prints:
#   R model=stlf windows=8 mase=... smape=... ms_per_fit=... median_ms=...
#   R model=snaive336 windows=8 mase=... smape=...
#   R model=stlf_log windows=8 mase=... smape=...
#   R window=k cutoff=... stlf_mase=... snaive336_mase=...        (one line per window)
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 4) stop("usage: Rscript mstl_cv.R <input.csv> <h> <windows> <step> [reps]")
y <- read.csv(args[1])$y
H <- as.integer(args[2]); K <- as.integer(args[3]); S <- as.integer(args[4])
reps <- if (length(args) >= 5) as.integer(args[5]) else 1L
M <- 48L
n <- length(y)
cutoffs <- n - H - S * (K - 1 - seq(0, K - 1))
if (cutoffs[1] < 2) stop("series too short for the windows")
invisible(stlf(msts(y[1:cutoffs[1]], seasonal.periods = c(48, 336)), h = H))
scaled <- list(stlf = c(), snaive336 = c(), stlf_log = c()); smapes <- list(stlf = c(), snaive336 = c(), stlf_log = c())
times <- c()
for (k in seq_along(cutoffs)) {
  train <- y[1:cutoffs[k]]; test <- y[(cutoffs[k] + 1):(cutoffs[k] + H)]
  lag <- if (length(train) > M) M else 1L
  scale <- mean(abs(diff(train, lag = lag)))
  t0 <- proc.time()[["elapsed"]]
  for (r in seq_len(reps)) f_stlf <- stlf(msts(train, seasonal.periods = c(48, 336)), h = H, level = c(80, 95))$mean
  times <- c(times, 1000 * (proc.time()[["elapsed"]] - t0) / reps)
  f_sn <- snaive(ts(train, frequency = 336), h = H)$mean
  f_log <- stlf(msts(train, seasonal.periods = c(48, 336)), h = H, lambda = 0)$mean
  for (m in c("stlf", "snaive336", "stlf_log")) {
    f <- as.numeric(switch(m, stlf = f_stlf, snaive336 = f_sn, stlf_log = f_log))
    scaled[[m]] <- c(scaled[[m]], abs(test - f) / scale)
    smapes[[m]] <- c(smapes[[m]], 200 * abs(test - f) / (abs(test) + abs(f)))
  }
  cat(sprintf("R window=%d cutoff=%d stlf_mase=%.4f snaive336_mase=%.4f stlf_ms=%.1f\n", k - 1, cutoffs[k],
    mean(tail(scaled$stlf, H)), mean(tail(scaled$snaive336, H)), tail(times, 1)))
}
cat(sprintf("R model=stlf windows=%d mase=%.4f smape=%.4f ms_per_fit=%.1f median_ms=%.1f\n", K, mean(scaled$stlf),
  mean(smapes$stlf), mean(times), median(times)))
cat(sprintf("R model=snaive336 windows=%d mase=%.4f smape=%.4f\n", K, mean(scaled$snaive336), mean(smapes$snaive336)))
cat(sprintf("R model=stlf_log windows=%d mase=%.4f smape=%.4f\n", K, mean(scaled$stlf_log), mean(smapes$stlf_log)))
