package forecastfarm.worker.forecast.stl;

/**
 * An STL decomposition, y = seasonal + trend + remainder, each the length of y. The arrays are the record's own: do
 * not mutate them after handing them over.
 */
public record StlComponents(double[] seasonal, double[] trend) {

    /** The remainder y - seasonal - trend. */
    public double[] remainder(double[] y) {
        double[] remainder = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            remainder[i] = y[i] - seasonal[i] - trend[i];
        }
        return remainder;
    }
}
