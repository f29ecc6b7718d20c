package forecastfarm.launcher.farm;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A launcher process for the multi-process tests: runs COUNT "test-crash" tasks doing ACTION on WORKERS workers in
 * FARM_DIR, with SIGINT/SIGTERM draining as in the CLI, and prints one REPORT line.
 * Arguments: FARM_DIR WORKERS COUNT ACTION.
 */
public final class TestFarmMain {
    private TestFarmMain() {}

    public static void main(final String[] args) {
        final Path farmDir = Path.of(args[0]);
        final int workers = Integer.parseInt(args[1]);
        final int count = Integer.parseInt(args[2]);
        final AtomicInteger computed = new AtomicInteger();
        final FarmReport report = Farm.run(
                FarmTestSupport.context(farmDir, workers),
                FarmTestSupport.tasks(count, args[3]),
                JobSpec.ofFingerprint("test", "test job " + count + " " + args[3]),
                FarmTestSupport.sizing(count),
                new FarmListener() {
                    @Override
                    public void onTaskFinished(
                            final int task, final TaskSpec spec, final forecastfarm.shared.wire.ResultRecord record) {
                        computed.incrementAndGet();
                    }

                    @Override
                    public void onTaskResumed(
                            final int task, final TaskSpec spec, final forecastfarm.shared.wire.ResultRecord record) {
                        // reused from the earlier run, not computed
                    }
                },
                true);
        System.out.println("REPORT ok=" + report.ok() + " failed=" + report.failed() + " poisoned=" + report.poisoned()
                + " resumed=" + report.resumed() + " computed=" + computed.get() + " interrupted="
                + report.interruptedBy());
        System.exit(0);
    }
}
