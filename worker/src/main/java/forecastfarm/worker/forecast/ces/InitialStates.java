package forecastfarm.worker.forecast.ces;

import java.util.Arrays;

/**
 * The initial state that minimises the sum of squared one-step errors of a {@link CesModel} on a series: the
 * "optimal" initial states of smooth's ces(), found exactly instead of by the optimiser. CES is linear, so the
 * errors are an affine function of the initial state {@code x}: {@code e = e0 + V x}, where {@code e0} are the
 * errors from a zero state and column {@code k} of {@code V} the errors from unit state {@code k} on a zero series.
 * The least-squares {@code x} solves {@code V'V x = -V'e0} (Cholesky; a column that earlier columns already
 * explain to 1e-10 of its length gets 0).
 *
 * <p>Lagged columns are shifts of one another: unit seasonal slot {@code j} gives slot 0's error sequence delayed by
 * {@code j} steps (nothing reads the slot before step {@code j}, and the recursion does not depend on time). So the
 * recursion runs once per non-seasonal state and once per seasonal component (at most 5 runs, plus 1 for
 * {@code e0}), and the lagged block of {@code V'V} comes from lagged sums updated term by term: O(n m) a solve, not
 * O(n m^2) nor O(n m) runs.
 *
 * <p>One instance per series and form; its work arrays are allocated once. Not thread-safe.
 */
final class InitialStates {

    private static final double DEPENDENT = 1e-10;

    private final int n;
    private final int m;
    private final int p;
    /** Non-seasonal columns (state indices 0..nu-1) and seasonal components (nr of them, m shifted columns each). */
    private final int nu;

    private final int nr;
    private final double[] zeros;
    private final double[] e0;
    private final double[][] u;
    private final double[][] r;
    private final double[] state;
    private final double[][] g;
    private final double[][] chol;
    private final double[] rhs;
    private final boolean[] dropped;

    InitialStates(CesForm form, int m, int n) {
        this.n = n;
        this.m = form.seasonal() ? m : 1;
        this.p = form.stateSize(this.m);
        this.nu = form == CesForm.SIMPLE ? 0 : 2;
        this.nr = form == CesForm.NONE ? 0 : form == CesForm.PARTIAL ? 1 : 2;
        if (form.seasonal() && n < this.m) {
            throw new IllegalArgumentException("n = " + n + " < m = " + m);
        }
        zeros = new double[n];
        e0 = new double[n];
        u = new double[nu][n];
        r = new double[nr][n];
        state = new double[p];
        g = new double[p][p];
        chol = new double[p][p];
        rhs = new double[p];
        dropped = new boolean[p];
    }

    /**
     * Writes the least-squares initial state of {@code model} on {@code y[0..n)} to {@code x} (length
     * {@link CesModel#stateSize()}).
     */
    void solve(CesModel model, double[] y, double[] x) {
        Arrays.fill(state, 0);
        model.filter(y, n, state, e0);
        for (int a = 0; a < nu; a++) {
            unitRun(model, a, u[a]);
        }
        for (int q = 0; q < nr; q++) {
            unitRun(model, nu + q * m, r[q]);
        }
        fillNormalEquations();
        choleskySolve(x);
    }

    private void unitRun(CesModel model, int index, double[] errors) {
        Arrays.fill(state, 0);
        state[index] = 1;
        model.filter(zeros, n, state, errors);
    }

    private void fillNormalEquations() {
        // non-seasonal columns with each other, with the lagged columns, and the right-hand side
        for (int a = 0; a < nu; a++) {
            for (int b = a; b < nu; b++) {
                g[a][b] = dot(u[a], 0, u[b], 0, n);
            }
            rhs[a] = -dot(u[a], 0, e0, 0, n);
            for (int q = 0; q < nr; q++) {
                for (int j = 0; j < m; j++) {
                    // column (q, j) at time t is r[q][t - j]
                    g[a][nu + q * m + j] = dot(u[a], j, r[q], 0, n - j);
                }
            }
        }
        for (int q = 0; q < nr; q++) {
            for (int j = 0; j < m; j++) {
                rhs[nu + q * m + j] = -dot(e0, j, r[q], 0, n - j);
            }
            for (int s = q; s < nr; s++) {
                laggedBlock(q, s);
            }
        }
        for (int i = 0; i < p; i++) {
            for (int k = 0; k < i; k++) {
                g[i][k] = g[k][i];
            }
        }
    }

    /**
     * Columns (q, i) and (s, j): the sum over t >= max(i, j) of r[q][t - i] r[s][t - j]. For i <= j, d = j - i, it
     * is the sum over u < n - j of r[q][u + d] r[s][u]: computed once for j = d over u < n - d, then one term
     * less for each larger j. For i > j, d = i - j, the same with the roles of q and s swapped.
     */
    private void laggedBlock(int q, int s) {
        double[] rq = r[q];
        double[] rs = r[s];
        int baseQ = nu + q * m;
        int baseS = nu + s * m;
        for (int d = 0; d < m; d++) {
            double sum = dot(rq, d, rs, 0, n - d);
            for (int j = d; j < m; j++) {
                if (j > d) {
                    int u = n - j; // the term dropped going from n - j + 1 terms to n - j
                    sum -= rq[u + d] * rs[u];
                }
                setUpper(baseQ + j - d, baseS + j, sum);
            }
            if (q != s && d > 0) {
                double swapped = dot(rs, d, rq, 0, n - d);
                for (int i = d; i < m; i++) {
                    if (i > d) {
                        int u = n - i;
                        swapped -= rs[u + d] * rq[u];
                    }
                    setUpper(baseQ + i, baseS + i - d, swapped);
                }
            }
        }
    }

    private void setUpper(int i, int j, double v) {
        if (i <= j) {
            g[i][j] = v;
        } else {
            g[j][i] = v;
        }
    }

    private static double dot(double[] a, int offA, double[] b, int offB, int len) {
        double s = 0;
        for (int t = 0; t < len; t++) {
            s += a[offA + t] * b[offB + t];
        }
        return s;
    }

    /** Solves g x = rhs by Cholesky, setting to 0 the coefficient of each column the earlier ones explain. */
    private void choleskySolve(double[] x) {
        for (int k = 0; k < p; k++) {
            double[] lk = chol[k];
            double d = g[k][k];
            for (int i = 0; i < k; i++) {
                d -= lk[i] * lk[i];
            }
            dropped[k] = !(d > DEPENDENT * g[k][k]);
            if (dropped[k]) {
                Arrays.fill(lk, 0, k + 1, 0);
                for (int row = k + 1; row < p; row++) {
                    chol[row][k] = 0;
                }
                continue;
            }
            double pivot = Math.sqrt(d);
            lk[k] = pivot;
            for (int row = k + 1; row < p; row++) {
                double[] lr = chol[row];
                double v = g[row][k];
                for (int i = 0; i < k; i++) {
                    v -= lr[i] * lk[i];
                }
                lr[k] = v / pivot;
            }
        }
        for (int k = 0; k < p; k++) { // L z = rhs
            if (dropped[k]) {
                x[k] = 0;
                continue;
            }
            double v = rhs[k];
            double[] lk = chol[k];
            for (int i = 0; i < k; i++) {
                v -= lk[i] * x[i];
            }
            x[k] = v / lk[k];
        }
        for (int k = p - 1; k >= 0; k--) { // L' x = z
            if (dropped[k]) {
                x[k] = 0;
                continue;
            }
            double v = x[k];
            for (int i = k + 1; i < p; i++) {
                v -= chol[i][k] * x[i];
            }
            x[k] = v / chol[k][k];
        }
    }
}
