package forecastfarm.launcher.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.cv.CvSection;
import forecastfarm.launcher.io.ResultsJsonl;
import forecastfarm.launcher.io.ShardFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One dir under DIR/shards that may hold shard {@code index}: what its {@code exit_code} and {@code summary.json}
 * say, whether its outputs are there, and from that its {@link ShardMerge.ShardState state} and how it ranks against
 * other dirs of the same index.
 */
final class ShardCandidate {
    final Path dir;
    final String name;
    final int index;
    final Integer exitCode;
    final Map<String, Object> summary;
    final String summaryProblem;
    final Integer summaryCount;
    final Integer summaryIndex;
    final long modifiedMs;
    /** The task kind its summary.json names (a {@code farm run} shard), else null. */
    final String kind;
    /** A shard of {@code farm run}: it has a results.jsonl, or its summary names a kind. */
    final boolean run;
    /** A shard of {@code farm cv}: it has a cv.csv, or its summary a "cv" section. */
    final boolean cv;

    @SuppressWarnings("unchecked")
    ShardCandidate(final Path jobDir, final Path dir, final int index) {
        this.dir = dir;
        this.name = jobDir.relativize(dir).toString();
        this.index = index;
        this.exitCode = readExitCode(dir.resolve(ShardMerge.EXIT_CODE_FILE));
        Map<String, Object> read = null;
        String problem = null;
        final Path summaryFile = dir.resolve("summary.json");
        if (Files.isRegularFile(summaryFile)) {
            try {
                read = new ObjectMapper().readValue(summaryFile.toFile(), Map.class);
            } catch (final IOException ex) {
                problem = "unreadable summary.json: " + ex.getMessage();
            }
        }
        this.summary = read;
        this.summaryProblem = problem;
        Integer count = null;
        Integer idx = null;
        if (read != null && read.get("shard") instanceof String label) {
            try {
                final ShardFilter shard = ShardFilter.parse(label);
                count = shard.count();
                idx = shard.index();
            } catch (final IllegalArgumentException ignored) {
                // judged in state()
            }
        }
        this.summaryCount = count;
        this.summaryIndex = idx;
        long modified = 0;
        try {
            modified = Files.getLastModifiedTime(Files.isRegularFile(summaryFile) ? summaryFile : dir)
                    .toMillis();
        } catch (final IOException ignored) {
            // 0: oldest
        }
        this.modifiedMs = modified;
        this.kind = read != null && read.get("kind") instanceof String k ? k : null;
        this.run = kind != null || Files.isRegularFile(dir.resolve(ResultsJsonl.FILE_NAME));
        this.cv = !run
                && (read != null && read.get("cv") instanceof Map<?, ?>
                        || Files.isRegularFile(dir.resolve(CvSection.fileNames().get(0))));
    }

    /**
     * @return what made this shard: {@code farm run --kind K}, {@code farm run}, {@code farm cv}, {@code farm
     *     forecast}; null when nothing in its dir tells (no summary and no outputs).
     */
    String job() {
        if (run) {
            return kind != null ? "farm run --kind " + kind : "farm run";
        }
        if (cv) {
            return "farm cv";
        }
        return summary != null || ShardForecasts.fileIn(dir) != null ? "farm forecast" : null;
    }

    boolean hasOutputs() {
        return summary != null
                && (run
                        ? Files.isRegularFile(dir.resolve(ResultsJsonl.FILE_NAME))
                        : cv
                                ? CvSection.fileNames().stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))
                                : ShardForecasts.fileIn(dir) != null)
                && Files.isRegularFile(dir.resolve("failed.csv"))
                && (summaryIndex == null || summaryIndex == index);
    }

    int rank() {
        return switch (state(Integer.MAX_VALUE).status()) {
            case "ok" -> 3;
            case "interrupted" -> 2;
            default -> hasOutputs() ? 1 : 0;
        };
    }

    ShardMerge.ShardState state(final int n) {
        final Map<String, Object> s = summary;
        if (summaryIndex != null && summaryIndex != index) {
            return new ShardMerge.ShardState(
                    index,
                    n,
                    "failed",
                    name,
                    exitCode,
                    "its summary.json says shard " + s.get("shard") + ", its dir name says index " + index,
                    s);
        }
        if (s == null || !hasOutputs()) {
            final String what = summaryProblem != null
                    ? summaryProblem
                    : run
                            ? "no outputs (results.jsonl, failed.csv, summary.json)"
                            : cv
                                    ? "no outputs (cv.csv, cv_metrics.csv, failed.csv, summary.json)"
                                    : "no outputs (forecasts.csv or forecasts.parquet, failed.csv, summary.json)";
            return new ShardMerge.ShardState(
                    index,
                    n,
                    "failed",
                    name,
                    exitCode,
                    what
                            + (exitCode != null
                                    ? "; the farm " + "exited with " + exitCode + " (" + ExitCodes.describe(exitCode)
                                            + ")"
                                    : "; no exit code " + "recorded: the task was killed, or is still running")
                            + "; its log is under logs/",
                    s);
        }
        if (s.get("abort_reason") != null) {
            return new ShardMerge.ShardState(
                    index, n, "failed", name, exitCode, "the farm gave up: " + s.get("abort_reason"), s);
        }
        if (s.get("interrupted_by") != null) {
            return new ShardMerge.ShardState(
                    index,
                    n,
                    "interrupted",
                    name,
                    exitCode,
                    "drained on " + s.get("interrupted_by")
                            + " before it finished; its unfinished series are NOT_RUN in failed.csv"
                            + " (requeue or rerun the task: it resumes)",
                    s);
        }
        if (exitCode != null && exitCode > ExitCodes.MAX_FAILED) {
            return new ShardMerge.ShardState(
                    index,
                    n,
                    "failed",
                    name,
                    exitCode,
                    "the farm exited with " + exitCode + " (" + ExitCodes.describe(exitCode) + ")",
                    s);
        }
        return new ShardMerge.ShardState(index, n, "ok", name, exitCode, null, s);
    }

    private static Integer readExitCode(final Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Integer.valueOf(Files.readString(file).strip())
                    : null;
        } catch (final IOException | NumberFormatException ex) {
            return null;
        }
    }
}
