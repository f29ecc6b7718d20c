# Regenerates golden_mstl.csv and golden_stlf.csv, the reference values of MstlGoldenTest.
#
#   Rscript golden_mstl.R        (run in this directory; DATA_DIR defaults to ../../../../../../../../../shared/data)
#
# Generated with R 4.2 and forecast 8.20, all defaults.
# golden_mstl.csv: case,periods,t,data,trend,seasonal1,seasonal2,remainder (seasonal2 empty with one period)
#   taylor4w   forecast::mstl(msts(first 1344 half-hours of taylor_halfhourly.csv, c(48, 336)))
#   N1402 ...  forecast::mstl(ts(M3 monthly series, frequency = 12))      (one period: R iterates once)
#   robust_N2002  stl(ts(N2002, frequency = 12), s.window = 11, robust = TRUE): seasonal1 and trend only
# golden_stlf.csv: case,step,mean,lo80,hi80,lo95,hi95 of stlf(series, h) at levels 80 and 95
#   taylor4w (h = 48) and N2002 (h = 18); taylor4w_log and N2002_log: the same with lambda = 0 (the log scale) and etsmodel "AZN"
suppressMessages(library(forecast))
dd <- Sys.getenv("DATA_DIR", "../../../../../../../../../shared/data")
num <- function(x) trimws(formatC(as.numeric(x), digits = 12, format = "g"))
taylor <- read.csv(file.path(dd, "taylor_halfhourly.csv"))$y[1:1344]
tr <- read.csv(file.path(dd, "m3_monthly_train.csv"), stringsAsFactors = FALSE)
monthly <- split(tr$value, tr$series_id)
cases <- list(
  list(id = "taylor4w", y = msts(taylor, seasonal.periods = c(48, 336)), periods = "48 336", h = 48),
  list(id = "N1402", y = ts(monthly[["N1402"]], frequency = 12), periods = "12", h = 18),
  list(id = "N1702", y = ts(monthly[["N1702"]], frequency = 12), periods = "12", h = 18),
  list(id = "N2002", y = ts(monthly[["N2002"]], frequency = 12), periods = "12", h = 18)
)
rows <- list()
for (c in cases) {
  d <- mstl(c$y)
  seas <- grep("Seasonal", colnames(d))
  s2 <- if (length(seas) > 1) num(d[, seas[2]]) else ""
  rows[[c$id]] <- data.frame(case = c$id, periods = c$periods, t = seq_along(c$y), data = num(d[, "Data"]),
    trend = num(d[, "Trend"]), seasonal1 = num(d[, seas[1]]), seasonal2 = s2, remainder = num(d[, "Remainder"]))
}
robust <- stl(ts(monthly[["N2002"]], frequency = 12), s.window = 11, robust = TRUE)$time.series
rows$robust <- data.frame(case = "robust_N2002", periods = "12", t = seq_len(nrow(robust)),
  data = num(monthly[["N2002"]]), trend = num(robust[, "trend"]), seasonal1 = num(robust[, "seasonal"]),
  seasonal2 = "", remainder = num(robust[, "remainder"]))
write.csv(do.call(rbind, rows), "golden_mstl.csv", row.names = FALSE, quote = FALSE)
fc <- list()
for (lambda in list(NULL, 0)) {
  for (c in cases[c(1, 4)]) {
    id <- if (is.null(lambda)) c$id else paste0(c$id, "_log")
    # on the log scale our mstl's ets keeps to additive errors (R's ets does so itself when given lambda)
    ets_model <- if (is.null(lambda)) "ZZN" else "AZN"
    f <- stlf(c$y, h = c$h, level = c(80, 95), lambda = lambda, etsmodel = ets_model)
    fc[[id]] <- data.frame(case = id, step = seq_len(c$h), mean = num(f$mean), lo80 = num(f$lower[, 1]),
      hi80 = num(f$upper[, 1]), lo95 = num(f$lower[, 2]), hi95 = num(f$upper[, 2]), method = f$method)
  }
}
write.csv(do.call(rbind, fc), "golden_stlf.csv", row.names = FALSE, quote = FALSE)
