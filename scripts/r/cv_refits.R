#!/usr/bin/env Rscript
# R's side of scripts/bench-cv-vs-r: refits the rolling-origin windows of `farm cv` on a sample of series with R's
# forecast package, in this one R process (one core: the caller sets BLAS/OpenMP threads to 1), timing each fit.
# Usage: Rscript cv_refits.R <input.csv> <ids.txt> <models> <h> <windows> <step> <m> <levels> <out.csv>
#   input.csv  long CSV unique_id,ds,y (the file farm cv reads), rows of a series in time order
#   ids.txt    the sample: one unique_id a line
#   models     comma list of theta (thetaf), ets (forecast(ets(y))), arima (forecast(auto.arima(y)))
#   levels     comma list of interval levels (e.g. 80,95)
#   out.csv    R's forecasts: unique_id,cutoff,model,step,mean,method (cutoff: 1-based index of the last training
#              point; method: the forecast's $method, commas replaced by ';')
# Windows as statsforecast's cross_validation (and farm cv): a series of n points has cutoffs
#   cutoff_k = n - h - step * (windows - 1 - k), k = 0..windows-1, trains on points 1..cutoff_k (ts, frequency m).
# Before the timed loop each model fits the first sample series' first window once (R's first-call costs:
# lazy loading, byte compiling), not counted. Times: proc.time() elapsed around each fit + forecast.
# Prints one line per model and one for all:
#   R model=ets fits=96 total_s=... ms_per_fit=... median_ms=... max_ms=... cpu_ms_per_fit=... failed=0
#   R model=all series=24 windows=4 fits=288 total_s=... ms_per_fit=... cpu_ms_per_fit=... failed=0
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 9) stop("usage: Rscript cv_refits.R <input.csv> <ids.txt> <models> <h> <windows> <step> <m> <levels> <out.csv>")
input   <- args[1]
ids     <- readLines(args[2])
models  <- strsplit(args[3], ",")[[1]]
H       <- as.integer(args[4])
K       <- as.integer(args[5])
S       <- as.integer(args[6])
M       <- as.integer(args[7])
LEVELS  <- as.numeric(strsplit(args[8], ",")[[1]])
out     <- args[9]

fits <- list(
  theta = function(y) thetaf(y, h = H, level = LEVELS),
  ets   = function(y) forecast(ets(y), h = H, level = LEVELS),
  arima = function(y) forecast(auto.arima(y), h = H, level = LEVELS))
unknown <- setdiff(models, names(fits))
if (length(unknown) > 0) stop("no R counterpart for: ", paste(unknown, collapse = ","), " (theta, ets, arima)")

tr <- read.csv(input, stringsAsFactors = FALSE, colClasses = c("character", "character", "numeric"))
tr <- tr[tr$unique_id %in% ids, ]
series <- split(tr$y, factor(tr$unique_id, levels = ids))
missing <- ids[vapply(series, length, 1L) == 0L]
if (length(missing) > 0) stop("sample ids not in the input: ", paste(missing, collapse = ","))

cat(sprintf("# %s, forecast %s, BLAS %s; %d series x %d windows x %d models, h=%d, step=%d, m=%d\n",
            R.version.string, as.character(packageVersion("forecast")),
            tryCatch(basename(extSoftVersion()[["BLAS"]]), error = function(e) "?"),
            length(ids), K, length(models), H, S, M))

window_ts <- function(v, k) ts(v[1:(length(v) - H - S * (K - 1 - k))], frequency = M)
for (model in models) invisible(tryCatch(fits[[model]](window_ts(series[[1]], 0L)), error = function(e) NULL))

el  <- setNames(lapply(models, function(x) numeric()), models)
cpu <- setNames(lapply(models, function(x) numeric()), models)
failed <- setNames(integer(length(models)), models)
rows <- character()
for (id in ids) {
  v <- series[[id]]
  n <- length(v)
  if (n - H - S * (K - 1) < 1) stop(sprintf("series %s: %d points, too short for the windows", id, n))
  for (k in 0:(K - 1)) {
    cutoff <- n - H - S * (K - 1 - k)
    y <- window_ts(v, k)
    for (model in models) {
      p0 <- proc.time()
      fc <- tryCatch(fits[[model]](y), error = function(e) NULL)
      p1 <- proc.time()
      el[[model]]  <- c(el[[model]], p1[["elapsed"]] - p0[["elapsed"]])
      cpu[[model]] <- c(cpu[[model]], (p1[["user.self"]] + p1[["sys.self"]]) - (p0[["user.self"]] + p0[["sys.self"]]))
      if (is.null(fc)) { failed[model] <- failed[model] + 1L; next }
      rows <- c(rows, paste(id, cutoff, model, seq_len(H), sprintf("%.10g", as.numeric(fc$mean)),
                            gsub(",", ";", fc$method), sep = ","))
    }
  }
}
writeLines(c("unique_id,cutoff,model,step,mean,method", rows), out)

for (model in models) {
  e <- el[[model]]
  cat(sprintf("R model=%s fits=%d total_s=%.3f ms_per_fit=%.3f median_ms=%.3f max_ms=%.1f cpu_ms_per_fit=%.3f failed=%d\n",
              model, length(e), sum(e), 1000 * mean(e), 1000 * median(e), 1000 * max(e),
              1000 * mean(cpu[[model]]), failed[model]))
}
all_el <- unlist(el); all_cpu <- unlist(cpu)
cat(sprintf("R model=all series=%d windows=%d fits=%d total_s=%.3f ms_per_fit=%.3f cpu_ms_per_fit=%.3f failed=%d\n",
            length(ids), K, length(all_el), sum(all_el), 1000 * mean(all_el), 1000 * mean(all_cpu), sum(failed)))
