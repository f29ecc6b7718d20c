package forecastfarm.launcher.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.api.Args;
import forecastfarm.api.KindSession;
import forecastfarm.api.TaskKind;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The strategy-sweep example as a user meets it: {@code scripts/examples/strategy-sweep/build} run as its own
 * process, the jar it prints loaded in a class loader of its own, the kind found with {@link ServiceLoader}; then its
 * numbers against a case worked out by hand and against a brute force written here, and its argument errors.
 * Skipped only when this JDK has no javac.
 */
class StrategySweepExampleTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path BUILD = REPO.resolve("scripts/examples/strategy-sweep/build");
    private static final double TOLERANCE = 1e-9;

    private static URLClassLoader loader;
    private static TaskKind kind;

    @BeforeAll
    static void buildAndLoad() throws Exception {
        final Path jar = ExampleBuild.strategySweepJar();

        loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, TaskKind.class.getClassLoader());
        for (final TaskKind candidate : ServiceLoader.load(TaskKind.class, loader)) {
            if (candidate.name().equals("strategy-sweep")) {
                kind = candidate;
            }
        }
        assertTrue(kind != null, "no TaskKind named strategy-sweep in " + jar);
        assertSame(loader, kind.getClass().getClassLoader(), "the kind must come from the jar, not the classpath");
    }

    @AfterAll
    static void closeLoader() throws Exception {
        if (loader != null) {
            loader.close();
        }
    }

    /*
     * By hand: closes p = 10, 11, 12, 13, 12, 11, 12, 13, 14, 12, 11 (index 0..10), fast 2, slow 3, cost 10 bp
     * (c = 0.001 per trade). Evaluation days 3..10 (the largest slow window is 3), starting from close 2.
     *
     * Signal at close t (long when MA2 > MA3), used for day t+1:
     *   t=2: MA2 = 11.5, MA3 = 11       -> long        t=6: MA2 = 11.5, MA3 = 35/3 -> flat
     *   t=3: MA2 = 12.5, MA3 = 12       -> long        t=7: MA2 = 12.5, MA3 = 12   -> long
     *   t=4: MA2 = 12.5, MA3 = 37/3     -> long        t=8: MA2 = 13.5, MA3 = 13   -> long
     *   t=5: MA2 = 11.5, MA3 = 12       -> flat        t=9: MA2 = 13,   MA3 = 13   -> flat (equal is flat)
     * Positions on days 3..10: 1 1 1 0 0 1 1 0; trades: buy for day 3, sell for 6, buy for 8, sell for 10: 4.
     * Price returns r_t = p_t / p_{t-1} - 1, days 3..10: 1/12, -1/13, -1/12, 1/11, 1/12, 1/13, -1/7, -1/12.
     * Net returns x_t = pos_t * r_t - c * (trade on day t):
     *   1/12 - c, -1/13, -1/12, -c, 0, 1/13 - c, -1/7, -c.
     * Equity from 1: 1.0823333, 0.9990769, 0.9158205, 0.9149047, 0.9149047, 0.9843671, 0.8437432, 0.8428995.
     * Peak 13/12 - c after day 3, never passed again: max drawdown = 1 - E_10 / (13/12 - c) = 0.2212201...
     * Total return = E_10 - 1 = -0.1571005...; Sharpe = mean(x) / sd(x) * sqrt(252), sd with divisor 7: -3.7129588
     * (Python's statistics.mean and stdev on the same x, as a second check of the formula here).
     *
     * Buy-and-hold over the same days: long throughout, one trade (the buy), equity (13/12 - c) * p_t / 13.
     * Peak at p_8 = 14, then down to p_10 = 11: max drawdown = 1 - 11/14 = 3/14; total = (13/12 - c) * 11/13 - 1
     * = -0.0841795; Sharpe -1.0678124 (Python, as above).
     */
    @Test
    void matchesTheCaseWorkedOutByHand() throws Exception {
        final double c = 0.001;
        final double[] x = {1.0 / 12 - c, -1.0 / 13, -1.0 / 12, -c, 0, 1.0 / 13 - c, -1.0 / 7, -c};
        double equity = 1;
        for (final double day : x) {
            equity *= 1 + day;
        }
        final double[] holdX = {1.0 / 12 - c, -1.0 / 13, -1.0 / 12, 1.0 / 11, 1.0 / 12, 1.0 / 13, -1.0 / 7, -1.0 / 12};

        final Map<String, Object> args = new LinkedHashMap<>();
        args.put("close", List.of(10, 11, 12, 13, 12, 11, 12, 13, 14, 12, 11));
        args.put("dates", List.of("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10"));
        args.put("fast", List.of(2));
        args.put("slow", List.of(3));
        args.put("cost_bps", 10);
        final Map<?, ?> result = run(args);

        assertEquals(11, result.get("prices"));
        assertEquals(Map.of("from", "d2", "to", "d10", "days", 8), result.get("evaluation"));
        final Map<?, ?> grid = (Map<?, ?>) result.get("grid");
        assertEquals(1, grid.get("pairs"));
        assertEquals(10.0, grid.get("cost_bps"));
        final Map<?, ?> best = (Map<?, ?>) result.get("best");
        assertEquals(2, best.get("fast"));
        assertEquals(3, best.get("slow"));
        assertEquals(4, best.get("trades"));
        assertNear(equity - 1, best.get("total_return"));
        assertNear(-0.1571005, best.get("total_return"), 1e-7);
        assertNear(1 - equity / (13.0 / 12 - c), best.get("max_drawdown"));
        assertNear(0.2212201, best.get("max_drawdown"), 1e-7);
        assertNear(sharpe(x), best.get("sharpe"));
        assertNear(-3.7129588, best.get("sharpe"), 1e-7);

        final Map<?, ?> hold = (Map<?, ?>) result.get("buy_and_hold");
        assertEquals(1, hold.get("trades"));
        assertNear((13.0 / 12 - c) * 11 / 13 - 1, hold.get("total_return"));
        assertNear(3.0 / 14, hold.get("max_drawdown"));
        assertNear(-0.0841795, hold.get("total_return"), 1e-7);
        assertNear(sharpe(holdX), hold.get("sharpe"));
        assertNear(-1.0678124, hold.get("sharpe"), 1e-7);
    }

    /** Falling prices: the fast average is always below, no pair trades, every Sharpe is undefined (null). */
    @Test
    void aStrategyThatNeverTradesHasNoSharpeAndTheSmallestWindowsWin() throws Exception {
        final List<Double> falling = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            falling.add(100.0 - t);
        }
        final Map<?, ?> result = run(Map.of("close", falling, "fast", List.of(4, 2), "slow", List.of(8, 5)));
        final Map<?, ?> best = (Map<?, ?>) result.get("best");
        assertEquals(Map.of("from", 7, "to", 29, "days", 22), result.get("evaluation"));
        assertEquals(4, ((Map<?, ?>) result.get("grid")).get("pairs"));
        assertEquals(2, best.get("fast"));
        assertEquals(5, best.get("slow"));
        assertEquals(0, best.get("trades"));
        assertNear(0, best.get("total_return"));
        assertNull(toNullIfNaN(best.get("sharpe")));
    }

    /** The sweep's best pair on a random walk is the one a plain O(n * window) backtest of every pair finds. */
    @Test
    void theBestPairIsTheOneABruteForceFinds() throws Exception {
        final Random random = new Random(20240601L);
        final double[] close = new double[320];
        close[0] = 50;
        for (int t = 1; t < close.length; t++) {
            close[t] = close[t - 1] * Math.exp(0.0004 + 0.02 * random.nextGaussian());
        }
        final List<Integer> fast = List.of(2, 3, 5, 8, 13, 21, 34);
        final List<Integer> slow = List.of(10, 20, 30, 40, 50, 60, 80, 100);
        final double costBps = 5;

        final BruteForce.Pick expected = BruteForce.best(close, fast, slow, costBps / 10_000);
        final List<Double> closeList = new ArrayList<>();
        for (final double p : close) {
            closeList.add(p);
        }
        final Map<?, ?> result = run(Map.of("close", closeList, "fast", fast, "slow", slow, "cost_bps", costBps));
        assertEquals(expected.pairs(), ((Map<?, ?>) result.get("grid")).get("pairs"));
        final Map<?, ?> best = (Map<?, ?>) result.get("best");
        assertEquals(expected.fast(), best.get("fast"));
        assertEquals(expected.slow(), best.get("slow"));
        assertEquals(expected.trades(), best.get("trades"));
        assertNear(expected.sharpe(), best.get("sharpe"));
        assertNear(expected.totalReturn(), best.get("total_return"));
        assertNear(expected.maxDrawdown(), best.get("max_drawdown"));
    }

    @Test
    void theJobSettingsGiveTheDefaultsAndATaskOverridesThem() throws Exception {
        final List<Integer> close = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            close.add(100 + (t * 7) % 11);
        }
        final Args settings =
                Args.of(Map.of("fast", Map.of("from", 2, "to", 6, "step", 2), "slow", List.of(5, 10), "cost_bps", 1));
        try (KindSession session = kind.open(settings)) {
            final Map<?, ?> fromSettings = (Map<?, ?>) session.run("s", Args.of(Map.of("close", close)));
            // fast 2, 4, 6 with slow 5, 10: (2,5) (4,5) (2,10) (4,10) (6,10).
            assertEquals(
                    Map.of("pairs", 5, "fast_windows", 3, "slow_windows", 2, "cost_bps", 1.0),
                    fromSettings.get("grid"));
            final Map<?, ?> overridden =
                    (Map<?, ?>) session.run("s", Args.of(Map.of("close", close, "slow", List.of(3))));
            assertEquals(
                    Map.of("pairs", 1, "fast_windows", 3, "slow_windows", 1, "cost_bps", 1.0), overridden.get("grid"));
        }
        assertThrows(IllegalArgumentException.class, () -> kind.open(Args.of(Map.of("cost_bps", -1))));
    }

    @Test
    void badArgumentsFailNamingTheArgument() throws Exception {
        final List<Integer> twelve = List.of(10, 11, 12, 13, 12, 11, 12, 13, 14, 12, 11, 12);
        // slow 10 needs 12 prices: 12 run, 11 fail.
        run(Map.of("close", twelve, "fast", List.of(2), "slow", List.of(10)));
        assertFails(
                "'close' has 11 prices",
                Map.of("close", twelve.subList(0, 11), "fast", List.of(2), "slow", List.of(10)));
        assertFails(
                "'close': element 2 is 0.0",
                Map.of("close", List.of(1, 2, 0, 4), "fast", List.of(1), "slow", List.of(2)));
        assertFails(
                "'close': element 1 is -3.0",
                Map.of("close", List.of(1, -3, 2, 4), "fast", List.of(1), "slow", List.of(2)));
        assertFails("argument 'close' is missing", Map.of("fast", List.of(1)));
        assertFails(
                "argument 'fast' is [10] and argument 'slow' is [5, 10]",
                Map.of("close", twelve, "fast", List.of(10), "slow", List.of(5, 10)));
        assertFails(
                "argument 'fast': element 0 is 0.0", Map.of("close", twelve, "fast", List.of(0), "slow", List.of(5)));
        assertFails(
                "argument 'slow': element 1 is 2.5",
                Map.of("close", twelve, "fast", List.of(1), "slow", List.of(5, 2.5)));
        assertFails(
                "argument 'fast': the range 5..4",
                Map.of("close", twelve, "fast", Map.of("from", 5, "to", 4), "slow", List.of(9)));
        assertFails(
                "argument 'cost_bps' is -1.0",
                Map.of("close", twelve, "fast", List.of(1), "slow", List.of(2), "cost_bps", -1));
        assertFails(
                "argument 'dates' has 2 entries",
                Map.of("close", twelve, "dates", List.of("a", "b"), "fast", List.of(1), "slow", List.of(2)));
    }

    private static Map<?, ?> run(final Map<String, ?> args) throws Exception {
        try (KindSession session = kind.open(Args.empty())) {
            return (Map<?, ?>) session.run("test", Args.of(args));
        }
    }

    private static void assertFails(final String expectedPart, final Map<String, ?> args) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(args));
        assertTrue(e.getMessage().contains(expectedPart), "'" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }

    private static void assertNear(final double expected, final Object actual) {
        assertNear(expected, actual, TOLERANCE);
    }

    private static void assertNear(final double expected, final Object actual, final double tolerance) {
        assertEquals(expected, ((Number) actual).doubleValue(), tolerance);
    }

    private static Object toNullIfNaN(final Object value) {
        return value instanceof Double d && d.isNaN() ? null : value;
    }

    /** mean / sample sd * sqrt(252), two passes. */
    static double sharpe(final double[] x) {
        double sum = 0;
        for (final double v : x) {
            sum += v;
        }
        final double mean = sum / x.length;
        double squares = 0;
        for (final double v : x) {
            squares += (v - mean) * (v - mean);
        }
        final double sd = Math.sqrt(squares / (x.length - 1));
        return sd == 0 ? Double.NaN : mean / sd * Math.sqrt(252);
    }

    /**
     * The strategy-sweep rules written again as plainly as possible, for the test above: every moving
     * average summed afresh (O(n * window) per pair), the metrics from the whole list of daily returns.
     */
    static final class BruteForce {
        private BruteForce() {}

        record Pick(int fast, int slow, int pairs, double sharpe, double totalReturn, double maxDrawdown, int trades) {}

        static Pick best(final double[] close, final List<Integer> fast, final List<Integer> slow, final double cost) {
            int start = 0;
            for (final int f : fast) {
                for (final int s : slow) {
                    if (f < s) {
                        start = Math.max(start, s);
                    }
                }
            }
            Pick best = null;
            int pairs = 0;
            for (final int f : fast) {
                for (final int s : slow) {
                    if (f >= s) {
                        continue;
                    }
                    pairs++;
                    final Pick pick = backtest(close, f, s, start, cost);
                    if (best == null || better(pick, best)) {
                        best = pick;
                    }
                }
            }
            return new Pick(best.fast, best.slow, pairs, best.sharpe, best.totalReturn, best.maxDrawdown, best.trades);
        }

        private static boolean better(final Pick a, final Pick b) {
            if (Double.isNaN(a.sharpe) != Double.isNaN(b.sharpe)) {
                return !Double.isNaN(a.sharpe);
            }
            if (!Double.isNaN(a.sharpe) && a.sharpe != b.sharpe) {
                return a.sharpe > b.sharpe;
            }
            if (a.trades != b.trades) {
                return a.trades < b.trades;
            }
            return a.fast != b.fast ? a.fast < b.fast : a.slow < b.slow;
        }

        private static Pick backtest(
                final double[] close, final int f, final int s, final int start, final double cost) {
            final int days = close.length - start;
            final double[] x = new double[days];
            int previous = 0;
            int trades = 0;
            for (int i = 0; i < days; i++) {
                final int t = start + i;
                final double fastMean = mean(close, t - 1, f);
                final double slowMean = mean(close, t - 1, s);
                final int position = fastMean > slowMean * (1 + 1e-9) ? 1 : 0;
                x[i] = position * (close[t] / close[t - 1] - 1);
                if (position != previous) {
                    x[i] -= cost;
                    trades++;
                }
                previous = position;
            }
            double equity = 1;
            double peak = 1;
            double drawdown = 0;
            for (final double day : x) {
                equity *= 1 + day;
                peak = Math.max(peak, equity);
                drawdown = Math.max(drawdown, (peak - equity) / peak);
            }
            return new Pick(f, s, 0, StrategySweepExampleTest.sharpe(x), equity - 1, drawdown, trades);
        }

        /** Mean of the {@code window} closes ending at {@code end}, inclusive. */
        private static double mean(final double[] close, final int end, final int window) {
            double sum = 0;
            for (int i = end - window + 1; i <= end; i++) {
                sum += close[i];
            }
            return sum / window;
        }
    }
}
