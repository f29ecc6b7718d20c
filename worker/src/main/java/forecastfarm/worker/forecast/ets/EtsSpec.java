package forecastfarm.worker.forecast.ets;

/**
 * One ETS model form: error A/M, trend N/A (optionally damped), season N/A/M.
 * Multiplicative trend is not supported (R's ets() excludes it by default).
 */
record EtsSpec(boolean multError, boolean trend, boolean damped, Season season) {

    enum Season {
        N,
        A,
        M
    }

    EtsSpec {
        if (damped && !trend) {
            throw new IllegalArgumentException("a damped model needs a trend");
        }
    }

    boolean seasonal() {
        return season != Season.N;
    }

    /** R's name, e.g. "ETS(M,Ad,N)". */
    String label() {
        return "ETS(" + (multError ? "M" : "A") + "," + (trend ? (damped ? "Ad" : "A") : "N") + "," + season + ")";
    }

    @Override
    public String toString() {
        return label();
    }
}
