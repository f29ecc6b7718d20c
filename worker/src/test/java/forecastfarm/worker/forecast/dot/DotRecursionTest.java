package forecastfarm.worker.forecast.dot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import forecastfarm.worker.forecast.Forecast;
import org.junit.jupiter.api.Test;

/**
 * The recursion, the objective and the forecasts on a case worked out by hand: x = 10, 12, 11, 15, alpha = 0.5,
 * theta = 2 (w = 1 - 1/theta = 0.5, q = 1 - alpha = 0.5), l_0 = 4. Tolerance 1e-12: the hand values are exact, the
 * code's differ by rounding only.
 */
class DotRecursionTest {

    private static final double TOL = 1e-12;

    /**
     * <pre>
     * t=1: l_1 = 0.5*10 + 0.5*4 = 7, ybar_1 = A_1 = 10, B_1 = 0
     *      mu_2 = 7 + 0.5*(0.5*10 + (1-0.25)/0.5*0) = 9.5
     * t=2: l_2 = 0.5*12 + 0.5*7 = 9.5, ybar_2 = 11, B_2 = (0*0 + 6*(12-10)/2)/3 = 2, A_2 = 11 - 2*3/2 = 8
     *      (the line through (1,10) and (2,12))
     *      mu_3 = 9.5 + 0.5*(0.25*8 + (1-0.125)/0.5*2) = 9.5 + 0.5*5.5 = 12.25
     * t=3: l_3 = 0.5*11 + 0.5*9.5 = 10.25, ybar_3 = 11, B_3 = (1*2 + 6*(11-11)/3)/4 = 0.5, A_3 = 11 - 0.5*4/2 = 10
     *      (least squares of 10, 12, 11 on 1, 2, 3: slope (11-10)/2 = 0.5, intercept 11 - 0.5*2 = 10)
     *      mu_4 = 10.25 + 0.5*(0.125*10 + (1-0.0625)/0.5*0.5) = 10.25 + 0.5*2.1875 = 11.34375
     * t=4: l_4 = 0.5*15 + 0.5*10.25 = 12.625, ybar_4 = 12, B_4 = (2*0.5 + 6*(15-11)/4)/5 = 1.4,
     *      A_4 = 12 - 1.4*5/2 = 8.5 (least squares on 1..4: slope 7/5, intercept 12 - 1.4*2.5)
     *      mu_5 = 12.625 + 0.5*(0.0625*8.5 + (1-0.03125)/0.5*1.4) = 12.625 + 0.5*3.24375 = 14.246875
     * </pre>
     */
    @Test
    void advancesLevelLineAndForecastAsWorkedOutByHand() {
        DotRecursion r = DotRecursion.dynamic(0.5, 2, 4, 10);
        assertState(r, 7, 10, 0);
        assertEquals(9.5, r.forecast(), TOL);
        r.update(12);
        assertState(r, 9.5, 8, 2);
        assertEquals(12.25, r.forecast(), TOL);
        r.update(11);
        assertState(r, 10.25, 10, 0.5);
        assertEquals(11.34375, r.forecast(), TOL);
        r.update(15);
        assertState(r, 12.625, 8.5, 1.4);
        assertEquals(14.246875, r.forecast(), TOL);
    }

    private static void assertState(DotRecursion r, double level, double intercept, double slope) {
        assertEquals(level, r.level(), TOL, "level");
        assertEquals(intercept, r.intercept(), TOL, "A");
        assertEquals(slope, r.slope(), TOL, "B");
    }

    /**
     * The errors scored are those of t = 3 and 4 (the first two forecasts rest on fewer than two points):
     * e_3 = 11 - 12.25 = -1.25, e_4 = 15 - 11.34375 = 3.65625; mean square (1.5625 + 13.3681640625) / 2.
     */
    @Test
    void objectiveIsTheMeanSquaredErrorFromTheThirdObservation() {
        double[] x = {10, 12, 11, 15};
        assertEquals(7.46533203125, Dot.scaledMse(x, 1, 4, 0.5, 2), TOL);
        assertEquals(7.46533203125 / 4, Dot.scaledMse(x, 2, 4, 0.5, 2), TOL);
    }

    @Test
    void objectiveRefusesAlphaAndThetaOutOfBounds() {
        double[] x = {10, 12, 11, 15};
        for (double[] p : new double[][] {{0.09, 2}, {0.995, 2}, {0.5, 0.99}, {0.5, 2e10}, {Double.NaN, 2}}) {
            assertEquals(1e300, Dot.scaledMse(x, 1, 4, p[0], p[1]), "alpha " + p[0] + ", theta " + p[1]);
        }
    }

    /**
     * Two steps on from the state above, sigma = 2: mean(1) = mu_5 = 14.246875; taking it in gives
     * l_5 = 13.4359375, ybar_5 = 12.449375, B_5 = (3*1.4 + 6*2.246875/5)/6 = 1.149375, A_5 = 12.449375 - 1.149375*3 =
     * 9.00125, so mean(2) = 13.4359375 + 0.5*(0.03125*9.00125 + (1-0.015625)/0.5*1.149375) = 14.707998046875.
     * A unit error at step 1 moves the state from zero to l = 0.5, ybar = 0.2, B = 6*(1/5)/6 = 0.2, A = 0.2 - 0.2*3 =
     * -0.4, so psi_{2,1} = 0.5 + 0.5*(0.03125*(-0.4) + 1.96875*0.2) = 0.690625 and se(2) = 2 * sqrt(1 + 0.690625^2).
     * With seasonal indices 2, 0.5 every value of step 1 doubles and every value of step 2 halves.
     */
    @Test
    void forecastsCarryTheRecursionOnAndIntervalsFollowTheErrorsThroughIt() {
        DotRecursion r = DotRecursion.dynamic(0.5, 2, 4, 10);
        for (double y : new double[] {12, 11, 15}) {
            r.update(y);
        }
        double z = 1.959963984540054;
        double[] mean = {14.246875, 14.707998046875};
        double[] se = {2, 2 * Math.sqrt(1 + 0.690625 * 0.690625)};
        Forecast f = new DotFit("m", "", r, 2, null).forecast(2, new double[] {95});
        assertArrayEquals(mean, f.mean(), TOL);
        assertArrayEquals(new double[] {mean[0] - z * se[0], mean[1] - z * se[1]}, f.lower(0), 1e-9);
        assertArrayEquals(new double[] {mean[0] + z * se[0], mean[1] + z * se[1]}, f.upper(0), 1e-9);

        Forecast seasonal = new DotFit("m", "", r, 2, new double[] {2, 0.5}).forecast(3, new double[] {95});
        assertEquals(2 * mean[0], seasonal.mean()[0], TOL);
        assertEquals(0.5 * mean[1], seasonal.mean()[1], TOL);
        assertEquals(2 * (mean[0] - z * se[0]), seasonal.lower(0)[0], 1e-9);
        assertEquals(0.5 * (mean[1] + z * se[1]), seasonal.upper(0)[1], 1e-9);
        double plain3 =
                new DotFit("m", "", r, 2, null).forecast(3, new double[0]).mean()[2];
        assertEquals(2 * plain3, seasonal.mean()[2], TOL, "the pattern repeats: step 3 takes the first index again");
    }

    @Test
    void forecastingLeavesTheFittedStateAsItWas() {
        DotRecursion r = DotRecursion.dynamic(0.5, 2, 4, 10);
        r.update(12);
        DotFit fit = new DotFit("m", "", r, 1, null);
        r.update(1000); // the fit holds its own copy
        assertEquals(fit.forecast(3, new double[0]), fit.forecast(3, new double[0]));
        assertEquals(12.25, fit.forecast(1, new double[0]).mean()[0], TOL);
    }
}
