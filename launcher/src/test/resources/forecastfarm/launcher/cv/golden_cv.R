# Golden values for `farm cv` (rolling-origin cross-validation), from R's forecast package with all defaults.
#
#   cd launcher/src/test/resources/forecastfarm/launcher/cv && DATA_DIR=/work/shared/data Rscript golden_cv.R
#
# Generated with R 4.2.2 and forecast 8.20 (Debian bookworm: apt-get install r-base-core r-cran-forecast).
# OUT_DIR (default ".") is where the two CSV files go. Fit times go to stderr.
#
# Windows follow statsforecast's cross_validation: horizon H = 18, K = 3 windows, step S = 6. A series of n
# points has cutoffs cutoff_k = n - H - S * (K - 1 - k), k = 0..K-1 (1-based index of the last training point),
# and window k forecasts the H points after cutoff_k.
#   expanding: trains on points 1..cutoff_k (all 12 series)
#   rolling:   input_size = 60, trains on points cutoff_k - 59..cutoff_k (the ROLLING ids, all with n >= 90)
# Each training part is ts(y, frequency = 12) and the models are
#   theta  thetaf(y, h = H, level = c(80, 95))
#   ets    forecast(ets(y), h = H, level = c(80, 95))
#   arima  forecast(auto.arima(y), h = H, level = c(80, 95))
#
# golden_cv_series.csv  series_id, t, value: the full series as in m3_monthly_train.csv (t = 1..n)
# golden_cv.csv         series_id, window_type (expanding|rolling), window (0-based), cutoff (1-based index of
#                       the last training point), train_start (1-based index of the first), model
#                       (theta|ets|arima), r_model (the forecast's $method, commas replaced by ';': "Theta",
#                       "ETS(M;A;N)", "ARIMA(1;1;0)(0;1;1)[12] with drift"), step (1..H), y (the actual value at
#                       cutoff + step), mean, lo80, hi80, lo95, hi95. Numbers as %.17g.
suppressMessages(library(forecast))
data_dir <- Sys.getenv("DATA_DIR", "/work/shared/data")
out_dir <- Sys.getenv("OUT_DIR", ".")
H <- 18L; K <- 3L; S <- 6L; M <- 12L; INPUT <- 60L
LEVELS <- c(80, 95)
IDS <- c("N1402",   # MICRO, n = 50, non-seasonal: ets ANN/MAN (also in golden_ets.R and golden_theta.R)
         "N1404",   # MICRO, n = 50 (golden_ets.R, golden_arima.R)
         "N1500",   # MICRO, n = 51 (golden_arima.R)
         "N1702",   # MICRO, n = 108, seasonal: ets MNM expanding, MAN rolling (golden_theta.R)
         "N1878",   # INDUSTRY, n = 123 (golden_ets.R)
         "N1942",   # INDUSTRY, n = 126, non-seasonal (golden_theta.R)
         "N2002",   # INDUSTRY, n = 126, seasonal (golden_theta.R)
         "N2215",   # MACRO, n = 80
         "N2500",   # MACRO, n = 126 (golden_arima.R)
         "N2524",   # FINANCE, n = 126
         "N2667",   # DEMOGRAPHIC, n = 117
         "N2778")   # OTHER, n = 78
ROLLING <- c("N1702", "N2002", "N2500", "N2667")

tr <- read.csv(file.path(data_dir, "m3_monthly_train.csv"), stringsAsFactors = FALSE)
tr <- tr[tr$series_id %in% IDS, ]
tr <- tr[order(match(tr$series_id, IDS), tr$t), ]
stopifnot(setequal(unique(tr$series_id), IDS))
series <- split(tr$value, factor(tr$series_id, levels = IDS))

fmt <- function(x) sprintf("%.17g", x)
fits <- list(
  theta = function(y) thetaf(y, h = H, level = LEVELS),
  ets = function(y) forecast(ets(y), h = H, level = LEVELS),
  arima = function(y) forecast(auto.arima(y), h = H, level = LEVELS))
secs <- setNames(numeric(length(fits)), names(fits))
count <- setNames(integer(length(fits)), names(fits))

rows <- character()
total <- system.time(for (id in IDS) {
  v <- series[[id]]
  n <- length(v)
  types <- if (id %in% ROLLING) c("expanding", "rolling") else "expanding"
  for (type in types) for (k in 0:(K - 1)) {
    cutoff <- n - H - S * (K - 1 - k)
    start <- if (type == "rolling") cutoff - INPUT + 1 else 1
    stopifnot(start >= 1)
    y <- ts(v[start:cutoff], frequency = M)
    actual <- v[cutoff + seq_len(H)]
    for (model in names(fits)) {
      t0 <- proc.time()[["elapsed"]]
      fc <- fits[[model]](y)
      secs[model] <- secs[model] + proc.time()[["elapsed"]] - t0
      count[model] <- count[model] + 1L
      stopifnot(!anyNA(fc$mean))
      rows <- c(rows, paste(id, type, k, cutoff, start, model, gsub(",", ";", fc$method), seq_len(H),
        fmt(actual), fmt(as.numeric(fc$mean)), fmt(fc$lower[, 1]), fmt(fc$upper[, 1]),
        fmt(fc$lower[, 2]), fmt(fc$upper[, 2]), sep = ","))
    }
  }
})
writeLines(c("series_id,window_type,window,cutoff,train_start,model,r_model,step,y,mean,lo80,hi80,lo95,hi95", rows),
           file.path(out_dir, "golden_cv.csv"))
writeLines(c("series_id,t,value", paste(tr$series_id, tr$t, fmt(tr$value), sep = ",")),
           file.path(out_dir, "golden_cv_series.csv"))

message(sprintf("%s, forecast %s", R.version.string, packageVersion("forecast")))
message(sprintf("fit loop: %.2f s elapsed (user %.2f s, system %.2f s)", total[["elapsed"]],
                total[["user.self"]], total[["sys.self"]]))
for (model in names(fits)) message(sprintf("  %-5s %3d fits, %7.3f s total, %8.2f ms per fit", model,
                                           count[model], secs[model], 1000 * secs[model] / count[model]))
