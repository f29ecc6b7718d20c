# Regenerates the golden reference values used by GoldenBaselinesTest and DistributionsTest.
#
#   Rscript golden_baselines.R        (run in this directory)
#
# Generated with R 4.2.2 and forecast 8.20 (Debian bookworm: apt-get install r-base-core r-cran-forecast).
# Writes three CSV files next to this script:
#   golden_series.csv     id, season_length, horizon, y (space-separated observations)
#   golden_baselines.csv  id, model, step, mean, lo80, hi80, lo95, hi95
#                         model: naive = naive(y), snaive = snaive(ts(y, frequency = m)),
#                         mean = meanf(y), drift = rwf(y, drift = TRUE); all with level = c(80, 95).
#                         Where a series has fewer than m + 1 observations the Java snaive falls
#                         back to the naive method, so its expected snaive rows are naive(y).
#   golden_quantiles.csv  dist (N = qnorm, T = qt), p, df, value
suppressMessages(library(forecast))

series <- list(
  # AirPassengers 1949-1950, monthly: trend, seasonality, two seasonal steps in the horizon
  list(id = "air24", m = 12L, h = 15L,
       y = c(112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118,
             115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140)),
  # quarterly decimals, 13 observations: three seasonal steps in the horizon
  list(id = "quarterly13", m = 4L, h = 9L,
       y = c(10.2, 14.8, 9.1, 6.3, 11.5, 15.9, 10.4, 7.0, 12.1, 16.7, 11.2, 7.9, 12.8)),
  # integer counts whose first and last values are equal: lm() gives a drift of exactly 0,
  # so forecast.lagwalk() divides the squared residuals by n-1 instead of n-2
  list(id = "counts_zero_drift", m = 3L, h = 7L,
       y = c(2, 5, 3, 6, 4, 7, 5, 2)),
  # also first == last, but here lm()'s rounding leaves a drift of about 1.8e-16, not 0, so R
  # keeps the n-2 divisor: the Java code must reproduce lm()'s arithmetic to match
  list(id = "counts_tiny_drift", m = 3L, h = 7L,
       y = c(4, 7, 5, 9, 6, 8, 4)),
  # shorter than one season plus one: snaive falls back to naive
  list(id = "short5", m = 12L, h = 4L,
       y = c(3, 5, 4, 6, 5))
)

fmt <- function(x) sprintf("%.17g", x)

series_rows <- character()
baseline_rows <- character()
for (s in series) {
  y <- s$y; m <- s$m; h <- s$h
  series_rows <- c(series_rows, paste(s$id, m, h, paste(fmt(y), collapse = " "), sep = ","))
  seasonal <- if (length(y) >= m + 1) snaive(ts(y, frequency = m), h = h, level = c(80, 95))
              else naive(y, h = h, level = c(80, 95))
  fits <- list(
    naive  = naive(y, h = h, level = c(80, 95)),
    snaive = seasonal,
    mean   = meanf(y, h = h, level = c(80, 95)),
    drift  = rwf(y, h = h, drift = TRUE, level = c(80, 95)))
  if (s$id == "counts_zero_drift" && fits$drift$model$par$drift != 0) {
    stop("expected lm() to give a drift of exactly zero for counts_zero_drift")
  }
  if (s$id == "counts_tiny_drift" && fits$drift$model$par$drift == 0) {
    stop("expected lm() to give a drift that is not exactly zero for counts_tiny_drift")
  }
  for (model in names(fits)) {
    f <- fits[[model]]
    for (step in seq_len(h)) {
      baseline_rows <- c(baseline_rows, paste(s$id, model, step,
        fmt(f$mean[step]), fmt(f$lower[step, 1]), fmt(f$upper[step, 1]),
        fmt(f$lower[step, 2]), fmt(f$upper[step, 2]), sep = ","))
    }
  }
}
writeLines(c("id,season_length,horizon,y", series_rows), "golden_series.csv")
writeLines(c("id,model,step,mean,lo80,hi80,lo95,hi95", baseline_rows), "golden_baselines.csv")

# Quantiles. R's qt() itself loses accuracy in far tails with small df (its own pt() disagrees
# with it by up to 1e-9 relative at p = 1e-8, df = 0.5), so the grid stays within
# 1e-12 <= p <= 1 - 1e-12 and keeps only points where R's pt(qt(p)) round trip is accurate.
ps <- c(1e-12, 1e-8, 1e-5, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.45,
        0.55, 0.6, 0.75, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 1 - 1e-8)
dfs <- c(0.5, 1, 1.5, 2, 3, 4, 5, 7.5, 10, 23, 50, 100, 999, 2999, 3001, 12345, 1e6)
q_rows <- character()
for (p in ps) q_rows <- c(q_rows, paste("N", fmt(p), "Inf", fmt(qnorm(p)), sep = ","))
for (p in c(1e-300, 1e-100, 1e-20)) q_rows <- c(q_rows, paste("N", fmt(p), "Inf", fmt(qnorm(p)), sep = ","))
round_trip_ok <- function(p, df) {
  q <- qt(p, df)
  err <- if (p < 0.5) pt(q, df, log.p = TRUE) - log(p)
         else pt(q, df, lower.tail = FALSE, log.p = TRUE) - log1p(-p)
  abs(err) < 1e-13
}
for (p in ps) for (df in dfs) if (round_trip_ok(p, df)) {
  q_rows <- c(q_rows, paste("T", fmt(p), fmt(df), fmt(qt(p, df)), sep = ","))
}
writeLines(c("dist,p,df,value", q_rows), "golden_quantiles.csv")
