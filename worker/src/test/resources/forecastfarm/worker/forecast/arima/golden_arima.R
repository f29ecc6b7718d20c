# Golden values for the arima tests: R 4.2, forecast 8.20, all defaults.
# Run from this folder: Rscript golden_arima.R /path/to/shared/data
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
data_dir <- if (length(args) > 0) args[1] else "../../../../../../../../../shared/data"
m3 <- function(id) {
  files <- file.path(data_dir, paste0("m3_", c("monthly", "quarterly", "yearly", "other"), "_train.csv"))
  for (f in files) {
    d <- read.csv(f, stringsAsFactors = FALSE)
    v <- d$value[d$series_id == id]
    if (length(v) > 0) {
      fr <- switch(d$period[d$series_id == id][1], monthly = 12, quarterly = 4, 1)
      return(ts(v[order(d$t[d$series_id == id])], frequency = fr))
    }
  }
  stop(id)
}
series <- list(
  AirPassengers = AirPassengers, lh = lh, WWWusage = WWWusage, USAccDeaths = USAccDeaths,
  N1404 = m3("N1404"), N1500 = m3("N1500"), N1700 = m3("N1700"), N2000 = m3("N2000"),
  N2500 = m3("N2500"), N0800 = m3("N0800"), N1000 = m3("N1000"), N0100 = m3("N0100"),
  N0300 = m3("N0300"), N1300 = m3("N1300"),
  nottem = nottem, sunspot.year = sunspot.year)  # n > 150: the CSS approximation path
num <- function(v) paste(formatC(v, digits = 15, format = "g"), collapse = " ")
s <- data.frame(name = names(series), m = sapply(series, frequency),
                values = sapply(series, function(x) num(as.numeric(x))))
write.csv(s, "series.csv", row.names = FALSE, quote = FALSE)

cases <- list(
  list("AirPassengers", c(0,1,1), c(0,1,1), FALSE),
  list("AirPassengers", c(2,1,1), c(0,1,0), FALSE),
  list("AirPassengers", c(1,1,0), c(1,1,0), FALSE),
  list("lh", c(1,0,0), c(0,0,0), TRUE),
  list("lh", c(3,0,0), c(0,0,0), TRUE),
  list("lh", c(1,0,1), c(0,0,0), TRUE),
  list("lh", c(0,0,2), c(0,0,0), FALSE),
  list("WWWusage", c(1,1,1), c(0,0,0), FALSE),
  list("WWWusage", c(3,1,0), c(0,0,0), TRUE),
  list("USAccDeaths", c(0,1,1), c(0,1,1), FALSE),
  list("USAccDeaths", c(1,0,0), c(1,1,0), TRUE),
  list("N1404", c(1,1,1), c(0,0,0), TRUE),
  list("N1500", c(0,1,1), c(1,0,0), TRUE),
  list("N0800", c(1,1,0), c(0,1,1), FALSE),
  list("N0100", c(0,2,1), c(0,0,0), FALSE))
rows <- list()
for (k in seq_along(cases)) {
  cs <- cases[[k]]
  y <- series[[cs[[1]]]]
  d <- cs[[2]][2] + cs[[3]][2]
  fit <- Arima(y, order = cs[[2]], seasonal = cs[[3]],
               include.mean = cs[[4]] && d == 0, include.drift = cs[[4]] && d == 1)
  fc <- forecast(fit, h = 12, level = 95)
  se <- (fc$upper[, 1] - fc$mean) / qnorm(0.975)
  rows[[k]] <- data.frame(series = cs[[1]], p = cs[[2]][1], d = cs[[2]][2], q = cs[[2]][3],
    P = cs[[3]][1], D = cs[[3]][2], Q = cs[[3]][3], constant = as.integer(cs[[4]]),
    coef = num(coef(fit)), loglik = num(fit$loglik), aic = num(fit$aic), aicc = num(fit$aicc),
    bic = num(fit$bic), sigma2 = num(fit$sigma2), mean = num(fc$mean), se = num(se))
}
write.csv(do.call(rbind, rows), "fixed_fits.csv", row.names = FALSE, quote = FALSE)

auto <- list()
for (nm in names(series)) {
  fit <- auto.arima(series[[nm]])
  a <- fit$arma
  auto[[nm]] <- data.frame(series = nm, p = a[1], d = a[6], q = a[2], P = a[3], D = a[7], Q = a[4],
    constant = as.integer(any(names(coef(fit)) %in% c("intercept", "drift"))),
    aicc = num(fit$aicc), mean = num(forecast(fit, h = 12)$mean))
}
write.csv(do.call(rbind, auto), "auto_arima.csv", row.names = FALSE, quote = FALSE)

# Differencing tests: KPSS statistic (urca, type mu, lags trunc(3 sqrt(n) / 13)), ndiffs, and for
# seasonal series the seasonal strength (forecast:::seas.heuristic, mstl/stl s.window 11) and nsdiffs.
ur <- list()
for (nm in names(series)) {
  x <- series[[nm]]
  m <- frequency(x)
  stat <- urca::ur.kpss(as.numeric(x), type = "mu", use.lag = trunc(3 * sqrt(length(x)) / 13))@teststat
  strength <- if (m > 1 && length(x) > 2 * m) forecast:::seas.heuristic(x) else NA
  D <- if (m > 1 && length(x) > 2 * m) nsdiffs(x) else 0
  dx <- if (D > 0) diff(x, lag = m, differences = D) else x
  ur[[nm]] <- data.frame(series = nm, kpss = num(stat), ndiffs_raw = ndiffs(as.numeric(x)),
    strength = num(as.numeric(strength)), nsdiffs = D, ndiffs_after_D = ndiffs(dx))
}
write.csv(do.call(rbind, ur), "unit_roots.csv", row.names = FALSE, quote = FALSE)
