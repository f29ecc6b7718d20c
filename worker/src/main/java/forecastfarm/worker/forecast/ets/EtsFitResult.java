package forecastfarm.worker.forecast.ets;

/** One fitted ETS form: parameters, states, criteria. Arrays are never exposed. */
record EtsFitResult(
        EtsSpec spec,
        int m,
        double alpha,
        double beta,
        double gamma,
        double phi,
        double[] initialState,
        double[] finalState,
        double lik,
        double aicc,
        double sigma2,
        int evaluations) {}
