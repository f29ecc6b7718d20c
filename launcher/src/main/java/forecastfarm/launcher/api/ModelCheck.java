package forecastfarm.launcher.api;

import forecastfarm.launcher.farm.FarmReport;
import forecastfarm.launcher.farm.JobSpec;
import forecastfarm.shared.forecast.ModelCheckRequest;
import forecastfarm.shared.wire.ResultRecord;
import forecastfarm.shared.wire.TaskStatus;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks a job's plugin models on a worker before any of its series runs: one {@link ModelCheckRequest} task in a job
 * of its own, which the farm forgets once it ended. The launcher and the server never load a plugin; a worker makes the
 * models (an ONNX model's file opened and its interface checked) and keeps them for the series that follow. A job
 * without a plugin model is not checked: a built-in model cannot be missing.
 */
public final class ModelCheck {
    private static final String KEY = "models";

    private ModelCheck() {}

    /**
     * @param models canonical {@code --model} specs
     * @throws IllegalArgumentException when a worker cannot make a model: {@code --model: } and the worker's message,
     *     which names the file and what differs
     * @throws FarmRunException         when the farm stopped before a worker ran the check
     */
    public static void run(final TaskFarm farm, final List<String> models) throws InterruptedException {
        if (!ModelCheckRequest.needed(models)) {
            return;
        }
        // a fresh id each time: a reopened id would resume, handing back a check of a file that may since have changed
        final String id = "model-check-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        final AtomicReference<ResultRecord> result = new AtomicReference<>();
        final TaskJob job = farm.job(JobSpec.named(id))
                .expectedTasks(1, KEY.length())
                .onResult(outcome -> result.set(outcome.record()))
                .open();
        final FarmReport report;
        try {
            job.submit(KEY, ModelCheckRequest.KIND, new ModelCheckRequest(models).encode());
            report = job.finish();
        } finally {
            job.close();
        }
        final ResultRecord record = result.get();
        if (record == null) {
            // the check's job is left to the farm dir, which a farm that stopped can no longer change
            throw new FarmRunException(
                    "no worker could check the models: "
                            + (report.abortReason() != null
                                    ? report.abortReason()
                                    : "the farm was stopped (" + report.interruptedBy() + ")"),
                    null);
        }
        farm.deleteJob(id);
        if (record.status() != TaskStatus.OK) {
            throw new IllegalArgumentException("--model: " + record.reason());
        }
    }
}
