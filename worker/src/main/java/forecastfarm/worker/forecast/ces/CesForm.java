package forecastfarm.worker.forecast.ces;

/**
 * The four seasonal forms of complex exponential smoothing (Svetunkov, Kourentzes and Ord 2022), each with its
 * state vector's layout. A seasonal state is kept as {@code m} slots; slot {@code j} is the value read at the
 * times {@code t} with {@code t mod m = j} (t counted from 0 where the recursion starts) and written back there.
 *
 * <pre>
 * form      states (layout)                         smoothing parameters
 * NONE      [l, c]                                  a0, a1
 * SIMPLE    [L_0 .. L_m-1, C_0 .. C_m-1]            a0, a1            (the pair at lag m)
 * PARTIAL   [l, c, S_0 .. S_m-1]                    a0, a1, b         (a real seasonal component)
 * FULL      [l, c, LS_0 .. LS_m-1, CS_0 .. CS_m-1]  a0, a1, b0, b1    (a seasonal CES pair at lag m)
 * </pre>
 */
enum CesForm {
    NONE('n', 2),
    SIMPLE('s', 2),
    PARTIAL('p', 3),
    FULL('f', 4);

    private final char letter;
    private final int smoothingParameters;

    CesForm(char letter, int smoothingParameters) {
        this.letter = letter;
        this.smoothingParameters = smoothingParameters;
    }

    /** The letter in the method's name: {@code CES(n)}, {@code CES(s)}, {@code CES(p)}, {@code CES(f)}. */
    char letter() {
        return letter;
    }

    /** 2 (a0, a1), 3 (and b) or 4 (and b0, b1). */
    int smoothingParameters() {
        return smoothingParameters;
    }

    boolean seasonal() {
        return this != NONE;
    }

    /** The length of the state vector for season length {@code m} (ignored by NONE). */
    int stateSize(int m) {
        switch (this) {
            case NONE:
                return 2;
            case SIMPLE:
                return 2 * m;
            case PARTIAL:
                return 2 + m;
            default:
                return 2 + 2 * m;
        }
    }

    /**
     * Whether the fit estimates the initial states (the seasonal forms) or keeps smooth's starting values (NONE; see
     * {@link CesFitter}).
     */
    boolean initialStatesEstimated() {
        return seasonal();
    }

    /**
     * The parameters a fitted model of this form counts in its information criteria: the smoothing parameters, the
     * initial states when they are estimated, and the error variance.
     */
    int parameterCount(int m) {
        return smoothingParameters + (initialStatesEstimated() ? stateSize(m) : 0) + 1;
    }

    /**
     * The fewest observations for which the form is tried: two more than its parameter count, so that AICc's
     * correction {@code 2k(k+1)/(n-k-1)} is finite.
     */
    int minimumLength(int m) {
        return parameterCount(m) + 2;
    }
}
