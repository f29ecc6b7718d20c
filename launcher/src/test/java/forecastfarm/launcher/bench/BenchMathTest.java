package forecastfarm.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchMathTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, BenchMath.median(new double[] {5, 1, 3}));
        assertEquals(2.5, BenchMath.median(new double[] {4, 1, 3, 2}));
        assertEquals(7.0, BenchMath.median(new double[] {7}));
        assertThrows(IllegalArgumentException.class, () -> BenchMath.median(new double[0]));
    }

    @Test
    void medianLeavesItsInputAlone() {
        final double[] values = {3, 1, 2};
        BenchMath.median(values);
        assertEquals(3.0, values[0]);
    }

    @Test
    void marginalCostRemovesTheFixedCost() {
        // 500 ms of start-up plus 20 us per task
        final double t1 = 500e6 + 20e3;
        final double tN = 500e6 + 100_000 * 20e3;
        assertEquals(20e3, BenchMath.marginalPerTask(tN, 100_000, t1, 1), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> BenchMath.marginalPerTask(1, 1, 1, 1));
    }

    @Test
    void efficiencyIsOneForPerfectScaling() {
        assertEquals(1.0, BenchMath.parallelEfficiency(4000, 2000, 2), 1e-12);
        assertEquals(0.8, BenchMath.parallelEfficiency(4000, 2500, 2), 1e-12);
        assertEquals(1.0, BenchMath.parallelEfficiency(10, 10, 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> BenchMath.parallelEfficiency(1, 0, 2));
    }

    @Test
    void relativeEfficiencyIsTheFarmsShareOfTheMachinesScaling() {
        // the machine alone gives two processes 0.80; the farm gets 0.76 of the ideal, i.e. 0.95 of the machine's
        assertEquals(0.95, BenchMath.relativeEfficiency(0.76, 0.80), 1e-12);
        assertEquals(1.0, BenchMath.relativeEfficiency(0.9, 0.9), 1e-12);
        assertTrue(BenchMath.relativeEfficiency(0.9, 0.96) < 0.95);
        assertTrue(Double.isNaN(BenchMath.relativeEfficiency(0.9, 0)));
        assertTrue(Double.isNaN(BenchMath.relativeEfficiency(0.9, Double.NaN)));
    }

    @Test
    void bareEfficiencyTakesTheSlowestProcess() {
        // one process ran 400 tasks in 4000 ms; two ran 200 each in 2100 and 2500 ms: T2 = 2500
        final double t2 = BenchMath.slowest(new long[] {2100, 2500});
        assertEquals(2500.0, t2);
        assertEquals(0.8, BenchMath.parallelEfficiency(4000, t2, 2), 1e-12);
        assertEquals(-3.0, BenchMath.slowest(new long[] {-5, -3}));
        assertThrows(IllegalArgumentException.class, () -> BenchMath.slowest(new long[0]));
    }

    @Test
    void sharesSplitTasksAsEvenlyAsTheyCan() {
        assertArrayEquals(new int[] {200, 200}, BenchMath.shares(400, 2));
        assertArrayEquals(new int[] {134, 133, 133}, BenchMath.shares(400, 3));
        assertArrayEquals(new int[] {400}, BenchMath.shares(400, 1));
        assertArrayEquals(new int[] {1, 1, 0}, BenchMath.shares(2, 3));
        assertEquals(401, Arrays.stream(BenchMath.shares(401, 4)).sum());
        assertThrows(IllegalArgumentException.class, () -> BenchMath.shares(4, 0));
        assertThrows(IllegalArgumentException.class, () -> BenchMath.shares(-1, 2));
    }

    @Test
    void ratesAndSpinIterations() {
        assertEquals(50_000.0, BenchMath.perSecond(1, 20_000), 1e-9);
        assertEquals(2_500_000, BenchMath.spinIterations(10e6, 4.0));
        assertEquals(1, BenchMath.spinIterations(1, 1e9));
        assertThrows(IllegalArgumentException.class, () -> BenchMath.spinIterations(1, 0));
    }

    @Test
    void steadyWindowStartsWhenEveryWorkerHasDeliveredOnce() {
        // slot 0 delivers at 10, 20, 30; slot 1 first at 35; then 40, 50
        final long[] arrivals = {10, 20, 30, 35, 40, 50};
        final int[] slots = {0, 0, 0, 1, 0, 1};
        final BenchMath.Window window = BenchMath.steadyWindow(arrivals, slots, arrivals.length);
        assertEquals(15, window.nanos());
        assertEquals(2, window.tasks());
        assertEquals(7.5, window.nanosPerTask(), 1e-12);
    }

    @Test
    void steadyWindowForOneWorkerStartsAtTheFirstResult() {
        final long[] arrivals = {100, 110, 120, 130, 0};
        final int[] slots = {0, 0, 0, 0, 0};
        final BenchMath.Window window = BenchMath.steadyWindow(arrivals, slots, 4);
        assertEquals(30, window.nanos());
        assertEquals(3, window.tasks());
    }

    @Test
    void steadyWindowIsEmptyWhenTheLastWorkerDeliversLast() {
        assertTrue(
                BenchMath.steadyWindow(new long[] {1, 2}, new int[] {0, 1}, 2).isEmpty());
        assertTrue(BenchMath.steadyWindow(new long[] {1}, new int[] {0}, 1).isEmpty());
        assertTrue(Double.isNaN(BenchMath.Window.NONE.nanosPerTask()));
    }

    @Test
    void procStatStartTimeIsFieldTwentyTwoEvenWithOddCommandNames() {
        final String stat = "4242 (java (worker) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 5 3 0 0 20 0 19 0 "
                + "987654 123456789 1000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 17 1 0 0 0 0 0";
        assertEquals(987654, ProcStart.startTicks(stat));
        if (System.getProperty("os.name").contains("Linux")) {
            // this JVM's exec, from /proc, is close to the JVM's own idea of its start
            final long fromProc = ProcStart.epochMs(ProcessHandle.current().pid());
            final long fromJvm =
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            assertTrue(Math.abs(fromProc - fromJvm) < 1_000, "proc " + fromProc + " vs jvm " + fromJvm);
        }
    }

    @Test
    void workerCountsShareASmallRunThatIsAMultipleOfEach() {
        assertEquals(2, FarmBenchmark.lcm(List.of(1, 2)));
        assertEquals(12, FarmBenchmark.lcm(List.of(1, 3, 4)));
        assertEquals(1, FarmBenchmark.lcm(List.of(1)));
    }

    @Test
    void argsParseBothFormsAndRefuseUnknownOnes() {
        final BenchArgs args = BenchArgs.parse(
                List.of("--tasks", "100_000", "--workers=1,2,2", "--task-ms", "2.5"),
                Set.of("tasks", "workers", "task-ms", "reps"));
        assertEquals(100_000, args.intValue("tasks", 1, 1));
        assertEquals(List.of(1, 2), args.intList("workers", List.of(9)));
        assertEquals(2.5, args.doubleValue("task-ms", 10, 0));
        assertEquals(3, args.intValue("reps", 3, 1));
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(List.of("--nope", "1"), Set.of("tasks")));
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(List.of("--tasks"), Set.of("tasks")));
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchArgs.parse(List.of("--tasks", "0"), Set.of("tasks")).intValue("tasks", 1, 1));
    }

    @Test
    void keysAreFixedWidth() {
        assertEquals("n0000000", FarmBenchmark.key('n', 0));
        assertEquals("s0001234", FarmBenchmark.key('s', 1234));
        assertEquals(FarmBenchmark.KEY_LENGTH, FarmBenchmark.key('n', 9_999_999).length());
    }

    @Test
    void resultLineIsKeyValuePairs() {
        assertEquals("bench=x n=3 ok=true", FarmBenchmark.kv("bench", "x", "n", 3, "ok", true));
    }
}
