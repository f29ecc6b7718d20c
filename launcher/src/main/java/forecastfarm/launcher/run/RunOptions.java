package forecastfarm.launcher.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.TimeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code farm run} was asked to do.
 *
 * @param kind        {@code --kind}: the task kind every task runs (known to the workers, see {@link TaskKinds}).
 * @param taskJars    {@code --task-jar}: the user's task jars, absolute.
 * @param settings    {@code --settings}: the job's settings, given to each kind's {@code open}.
 * @param resume      keep the tasks an earlier results.jsonl in {@code out} lists as finished (OK, FAILED, POISONED).
 * @param retryFailed keep only those OK; the others run again.
 * @param time        how the forecast kind reads a task's {@code ds}.
 */
public record RunOptions(
        String kind,
        Path input,
        Path out,
        List<Path> taskJars,
        ObjectNode settings,
        boolean resume,
        boolean retryFailed,
        ShardFilter shard,
        TimeSettings time) {
    /** @return everything that changes the results, for the farm dir's manifest. */
    public String fingerprint() {
        return shard.fingerprint(
                "run kind=" + kind + " input=" + input.toAbsolutePath().normalize() + " ("
                        + version(input) + ") jars="
                        + taskJars.stream().map(RunOptions::version).toList() + " settings="
                        + settings + (time.isDefault() ? "" : " time=" + time.zoneName() + "," + time.formatName()));
    }

    /** @return a short stable name for this job, for its default farm dir ({@code run-<hash>}). */
    public String jobId() {
        try {
            final byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(fingerprint().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return shard.jobId("run-" + java.util.HexFormat.of().formatHex(digest, 0, 6));
        } catch (final java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String version(final Path file) {
        try {
            return file + ": " + Files.size(file) + " bytes, modified " + Files.getLastModifiedTime(file);
        } catch (final java.io.IOException ex) {
            return file + ": unreadable";
        }
    }
}
