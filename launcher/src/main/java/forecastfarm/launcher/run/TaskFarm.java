package forecastfarm.launcher.run;

import forecastfarm.launcher.farm.Farm;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmListener;
import forecastfarm.launcher.farm.FarmLock;
import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.MapSizing;
import forecastfarm.launcher.farm.TaskIntake;
import forecastfarm.launcher.farm.TaskSpec;
import forecastfarm.shared.wire.ResultRecord;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;

/**
 * The farm engine ({@link Farm#run}) on its own thread, fed through a bounded {@link TaskIntake}, its results handed
 * to a consumer on one more thread (the conductor only queues them). Drains on SIGINT, SIGTERM and SIGUSR1 as the
 * forecast command does.
 *
 * <p>Contract: {@link #submit} blocks while the intake is full and returns false once the farm stopped taking tasks.
 * Every finished task (resumed ones from the farm dir included) reaches the consumer exactly once, in completion
 * order, before {@link #finish} returns. A consumer that throws stops the farm; {@link #finish} rethrows it.
 */
final class TaskFarm {
    private static final Finished END = new Finished(null, null);

    private final TaskIntake intake = new TaskIntake(1024);
    private final BlockingQueue<Finished> deliveries = new LinkedBlockingQueue<>();
    private final BiConsumer<String, ResultRecord> consumer;
    private final Thread farmThread;
    private final Thread deliveryThread;
    private volatile FarmReport report;
    private volatile RuntimeException farmFailure;
    private volatile RuntimeException consumerFailure;

    private record Finished(String key, ResultRecord record) {}

    private TaskFarm(
            final FarmContext ctx,
            final FarmLock lock,
            final String job,
            final MapSizing sizing,
            final BiConsumer<String, ResultRecord> consumer) {
        this.consumer = consumer;
        final FarmListener listener = (task, spec, record) -> deliveries.add(new Finished(spec.key(), record));
        this.farmThread = new Thread(
                () -> {
                    try {
                        report = Farm.run(ctx, lock, intake, job, () -> sizing, listener, true);
                    } catch (final RuntimeException ex) {
                        farmFailure = ex;
                    }
                },
                "task-farm");
        this.deliveryThread = new Thread(this::deliver, "task-farm-results");
        deliveryThread.setDaemon(true);
    }

    /**
     * Starts the workers in the locked farm dir (the run releases the lock when it ends).
     *
     * @param job what identifies this job in the farm dir.
     */
    static TaskFarm start(
            final FarmContext ctx,
            final FarmLock lock,
            final String job,
            final MapSizing sizing,
            final BiConsumer<String, ResultRecord> consumer) {
        final TaskFarm farm = new TaskFarm(ctx, lock, job, sizing, consumer);
        farm.deliveryThread.start();
        farm.farmThread.start();
        return farm;
    }

    boolean submit(final TaskSpec task) throws InterruptedException {
        return intake.submit(task);
    }

    /** No more tasks: waits for every submitted one and its delivery. */
    FarmReport finish() throws InterruptedException {
        intake.close();
        farmThread.join();
        deliveries.put(END);
        deliveryThread.join();
        if (farmFailure != null) {
            throw farmFailure;
        }
        if (consumerFailure != null) {
            throw consumerFailure;
        }
        return report;
    }

    private void deliver() {
        for (; ; ) {
            final Finished finished;
            try {
                finished = deliveries.take();
            } catch (final InterruptedException ex) {
                return;
            }
            if (finished == END) {
                return;
            }
            if (consumerFailure == null) {
                try {
                    consumer.accept(finished.key(), finished.record());
                } catch (final RuntimeException ex) {
                    consumerFailure = ex;
                    intake.requestStop("the results could not be written");
                }
            }
        }
    }
}
