# Golden values for forecastfarm.worker.forecast.ets (EtsGoldenTest): R's ets() with all
# defaults and forecast(h) with levels 80 and 95, on a handful of M3 series covering every form
# the automatic selection can return. Writes golden_ets_series.csv (the inputs) and
# golden_ets.csv (chosen model, parameters, AICc, sigma^2, forecasts and bounds per step).
#
# R 4.2, forecast 8.20:  DATA_DIR=/work/shared/data Rscript golden_ets.R
suppressMessages(library(forecast))
data_dir <- Sys.getenv("DATA_DIR", "/work/shared/data")
out_dir <- Sys.getenv("OUT_DIR", ".")
ids <- c("N1402", "N1404", "N1406", "N1433", "N1878", "N1887", "N1489", "N1432", "N1698",
         "N1572", "N1721", "N1683", "N1412", "N0702", "N0739", "N0187", "N0001")
series <- do.call(rbind, lapply(c("yearly", "quarterly", "monthly"), function(p)
  read.csv(file.path(data_dir, sprintf("m3_%s_train.csv", p)))))
meta <- read.csv(file.path(data_dir, "m3_series.csv"))
ins <- list()
outs <- list()
for (id in ids) {
  m <- meta$frequency[meta$series_id == id]
  h <- meta$h[meta$series_id == id]
  v <- series$value[series$series_id == id]
  ins[[id]] <- data.frame(series_id = id, m = m, t = seq_along(v), value = v)
  fit <- ets(ts(v, frequency = m))
  fc <- forecast(fit, h = h, level = c(80, 95))
  p <- function(name) if (is.na(fit$par[name])) NA else unname(fit$par[name])
  outs[[id]] <- data.frame(series_id = id, m = m, model = gsub(",", ";", fit$method),
    alpha = p("alpha"), beta = p("beta"), gamma = p("gamma"), phi = p("phi"),
    aicc = fit$aicc, sigma2 = fit$sigma2, step = seq_len(h), mean = as.numeric(fc$mean),
    lo80 = as.numeric(fc$lower[, 1]), hi80 = as.numeric(fc$upper[, 1]),
    lo95 = as.numeric(fc$lower[, 2]), hi95 = as.numeric(fc$upper[, 2]))
}
write.csv(do.call(rbind, ins), file.path(out_dir, "golden_ets_series.csv"), row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, outs), file.path(out_dir, "golden_ets.csv"), row.names = FALSE, quote = FALSE,
          na = "NA")
