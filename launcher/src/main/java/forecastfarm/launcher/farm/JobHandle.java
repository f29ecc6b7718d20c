package forecastfarm.launcher.farm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A job opened on a {@link Farm}: its report once it ended, and a way to cancel it.
 */
public final class JobHandle {
    private final JobSpec spec;
    private final CompletableFuture<FarmReport> report;
    private final Consumer<String> canceller;

    JobHandle(final JobSpec spec, final CompletableFuture<FarmReport> report, final Consumer<String> canceller) {
        this.spec = spec;
        this.report = report;
        this.canceller = canceller;
    }

    public JobSpec spec() {
        return spec;
    }

    /** Completes once the job ended and its state is recorded; exceptionally when the farm failed. */
    public CompletableFuture<FarmReport> report() {
        return report;
    }

    /**
     * Stops the job: none of its waiting tasks is dispatched, those running finish; its report then says {@code why}
     * in {@link FarmReport#interruptedBy()}.
     */
    public void cancel(final String why) {
        canceller.accept(why);
    }

    /**
     * Waits for the report.
     *
     * @throws FarmException (or the farm's own failure) when the farm failed.
     */
    public FarmReport await() {
        try {
            return report.join();
        } catch (final CompletionException ex) {
            throw ex.getCause() instanceof RuntimeException cause
                    ? cause
                    : new FarmException(ex.getCause().toString(), ex.getCause());
        }
    }
}
