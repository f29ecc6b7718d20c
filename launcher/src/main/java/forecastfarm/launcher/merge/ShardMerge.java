package forecastfarm.launcher.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.io.CsvTable;
import forecastfarm.launcher.io.FailedCsvWriter;
import forecastfarm.launcher.io.ForecastTable;
import forecastfarm.launcher.io.LongCsvReader;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.SummaryJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code farm merge DIR}: joins the outputs of the shards of one job ({@code DIR/shards/<tag>_<i>/}, one per
 * {@code farm forecast --shard i/n}, as {@code scripts/farm-slurm} lays them out, {@code <tag>} being the SLURM
 * array job id) into one {@code forecasts.csv}, {@code failed.csv} and {@code summary.json} in {@code DIR}.
 *
 * <p>Every shard index 0..n-1 is accounted for: a shard with no dir is <em>missing</em>; one whose task failed
 * (exit code 101 and up in its {@code exit_code} file, outputs absent or unreadable) is <em>failed</em>; one that was
 * drained by a signal and never finished is <em>interrupted</em>. Each is named in the summary and on the console,
 * and with {@code --input} the series it should have held are listed in {@code failed.csv} as {@code NOT_RUN}. A
 * series found in more than one shard is kept once (from the lowest shard) and reported as a duplicate; a series
 * in a shard its id does not hash to is reported as misplaced. When several dirs hold the same shard index (a
 * resubmission into the same DIR), the most complete, then the newest, is used and the others are reported as
 * superseded; dirs whose summary names another shard count are ignored.
 *
 * <p>Exit code: {@link ExitCodes#SHARDS_INCOMPLETE} when any shard is missing, failed or interrupted, or the shards
 * overlap; otherwise as {@code farm forecast}: 0, or the number of failed, poisoned and invalid series (capped).
 */
public final class ShardMerge {
    public static final String SHARDS_DIR = "shards";
    public static final String EXIT_CODE_FILE = "exit_code";
    static final Pattern SHARD_DIR_NAME = Pattern.compile("(.+)_(\\d+)");
    private static final int EXAMPLES = 20;
    private static final List<String> SUMMED = List.of(
            "tasks",
            "ok",
            "failed",
            "poisoned",
            "invalid_input",
            "carried_over",
            "resumed",
            "retries",
            "worker_restarts",
            "workers");

    private final Path dir;
    private final Integer expectedShards;
    private final Path input;
    private final LongCsvReader inputReader;
    private final PrintStream console;

    /**
     * @param dir            the job's output dir: shards under {@code dir/shards}, merged outputs into {@code dir}.
     * @param expectedShards n, or null to take it from the shards' summaries.
     * @param input          the job's input, or null: with it, the series of missing shards are listed as NOT_RUN
     *                       and every input series is checked to be in the output.
     * @param inputReader    how to read the input (its column names).
     */
    public ShardMerge(
            final Path dir,
            final Integer expectedShards,
            final Path input,
            final LongCsvReader inputReader,
            final PrintStream console) {
        this.dir = dir;
        this.expectedShards = expectedShards;
        this.input = input;
        this.inputReader = inputReader;
        this.console = console;
    }

    /**
     * What became of one shard index.
     *
     * @param status   {@code ok}, {@code interrupted}, {@code failed} or {@code missing}.
     * @param dir      its dir, relative to the job dir; null when missing.
     * @param exitCode the farm's exit code as the batch script recorded it; null when unknown.
     * @param reason   why it is not ok; null when ok.
     */
    public record ShardState(
            int index,
            int count,
            String status,
            String dir,
            Integer exitCode,
            String reason,
            Map<String, Object> summary) {
        public boolean ok() {
            return "ok".equals(status);
        }

        public String label() {
            return index + "/" + count;
        }

        /**
         * @return e.g. {@code shard 2/4 (shards/17_2): failed, exit 106 ...}.
         */
        public String describe() {
            return "shard " + label() + (dir != null ? " (" + dir + ")" : "") + ": " + status
                    + (reason != null ? ", " + reason : "");
        }
    }

    /**
     * The merge's outcome; {@link #summary()} is what summary.json holds.
     */
    public record Result(
            List<ShardState> shards,
            Map<String, Object> summary,
            long duplicateSeries,
            long misplacedSeries,
            long seriesInOutput,
            long notRunSeries,
            int exitCode) {
        public List<ShardState> incomplete() {
            return shards.stream().filter(s -> !s.ok()).toList();
        }
    }

    /**
     * Merges and writes the outputs.
     *
     * @return the result; its exit code is the command's.
     * @throws IllegalArgumentException when DIR holds no shards and n is not given, or n is invalid.
     * @throws UncheckedIOException     when the merged outputs cannot be written.
     */
    public Result run() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such directory " + dir);
        }
        final List<Candidate> candidates = listCandidates();
        final int n = shardCount(candidates);
        final List<String> ignored = new ArrayList<>();
        final Map<Integer, List<Candidate>> byIndex = new TreeMap<>();
        for (final Candidate c : candidates) {
            if (c.summaryCount != null && c.summaryCount != n) {
                ignored.add(c.name + " (shard of " + c.summaryCount + ", not " + n + ")");
            } else if (c.index >= n) {
                ignored.add(c.name + " (index " + c.index + " is not below " + n + ")");
            } else {
                byIndex.computeIfAbsent(c.index, k -> new ArrayList<>()).add(c);
            }
        }
        final List<String> superseded = new ArrayList<>();
        final List<Candidate> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final List<Candidate> options = byIndex.getOrDefault(i, List.of());
            if (options.isEmpty()) {
                chosen.add(null);
                continue;
            }
            final Candidate best = options.stream()
                    .max(Comparator.comparingInt((Candidate c) -> c.rank()).thenComparingLong(c -> c.modifiedMs))
                    .orElseThrow();
            options.stream().filter(c -> c != best).forEach(c -> superseded.add(c.name));
            chosen.add(best);
        }
        try {
            return merge(n, chosen, ignored, superseded);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write the merged outputs to " + dir + ": " + ex.getMessage(), ex);
        }
    }

    private Result merge(
            final int n, final List<Candidate> chosen, final List<String> ignored, final List<String> superseded)
            throws IOException {
        final List<ShardState> states = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final Map<String, Integer> firstShardOf = new java.util.HashMap<>();
        final List<String> duplicateExamples = new ArrayList<>();
        final long[] duplicates = {0};
        final long[] misplaced = {0};
        List<String> forecastHeader = null;
        OrderedOutput forecasts = null;
        OrderedOutput failed = null;
        final List<OrderedOutput> open = new ArrayList<>();
        final Map<String, Long> positions = input == null ? null : OrderedOutput.positions(inputReader, input);
        try {
            failed = new OrderedOutput(dir.resolve("failed.csv"), FailedCsvWriter.HEADER, positions);
            open.add(failed);
            for (int i = 0; i < n; i++) {
                final Candidate c = chosen.get(i);
                if (c == null) {
                    states.add(new ShardState(
                            i,
                            n,
                            "missing",
                            null,
                            null,
                            "no dir " + SHARDS_DIR + "/<job>_" + i + " (the task never ran or wrote nothing)",
                            null));
                    continue;
                }
                ShardState state = c.state(n);
                if (c.hasOutputs()) {
                    final List<String> header = header(c.dir.resolve("forecasts.csv"));
                    if (forecastHeader == null) {
                        forecastHeader = header;
                        forecasts = new OrderedOutput(dir.resolve("forecasts.csv"), header, positions);
                        open.add(forecasts);
                    }
                    if (!header.equals(forecastHeader)) {
                        state = new ShardState(
                                i,
                                n,
                                "failed",
                                state.dir(),
                                state.exitCode(),
                                otherColumns(header, forecastHeader),
                                state.summary());
                    } else {
                        final int index = i;
                        final Set<String> local = new HashSet<>();
                        final OrderedOutput forecastOut = forecasts;
                        final OrderedOutput failedOut = failed;
                        final RowCopy copy = (fields, out) -> {
                            final String id = fields.isEmpty() ? "" : fields.get(0);
                            if (!id.isEmpty() && seen.contains(id)) {
                                if (local.add(id)) {
                                    duplicates[0]++;
                                    if (duplicateExamples.size() < EXAMPLES) {
                                        duplicateExamples.add(
                                                id + " (shards " + firstShardOf.get(id) + " and " + index + ")");
                                    }
                                }
                                return;
                            }
                            if (!id.isEmpty() && local.add(id) && ShardFilter.shardOf(id, n) != index) {
                                misplaced[0]++;
                            }
                            try {
                                out.row(fields);
                            } catch (final IOException ex) {
                                throw new UncheckedIOException(ex);
                            }
                        };
                        try {
                            CsvTable.read(c.dir.resolve("forecasts.csv"), h -> {}, f -> copy.accept(f, forecastOut));
                            CsvTable.read(c.dir.resolve("failed.csv"), h -> {}, f -> copy.accept(f, failedOut));
                        } catch (final UncheckedIOException ex) {
                            throw ex.getCause();
                        }
                        for (final String id : local) {
                            if (seen.add(id)) {
                                firstShardOf.put(id, index);
                            }
                        }
                    }
                }
                states.add(state);
            }
            if (forecasts == null) {
                // no shard has outputs: still write a forecasts.csv, with the default levels' header
                forecasts = new OrderedOutput(
                        dir.resolve("forecasts.csv"),
                        new ForecastTable(ForecastTable.Shape.LONG, new double[] {80, 95}, List.of()).header(),
                        positions);
                open.add(forecasts);
            }
            final long[] notRun = {0};
            Integer inputSeries = null;
            if (input != null) {
                inputSeries = listNotRun(n, states, seen, positions.keySet(), failed, notRun);
            }
            final Map<String, Object> summary = summary(
                    n,
                    states,
                    ignored,
                    superseded,
                    seen.size(),
                    duplicates[0],
                    duplicateExamples,
                    misplaced[0],
                    notRun[0],
                    inputSeries);
            final int exitCode = exitCode(states, duplicates[0], summary);
            summary.put("exit_code", exitCode);
            forecasts.close();
            failed.close();
            open.clear();
            SummaryJson.write(dir.resolve("summary.json"), summary);
            final Result result = new Result(
                    List.copyOf(states), summary, duplicates[0], misplaced[0], seen.size(), notRun[0], exitCode);
            writeReport(dir, result);
            print(result, ignored, superseded);
            return result;
        } finally {
            open.forEach(OrderedOutput::abort);
        }
    }

    /**
     * The hook for the job's HTML report ({@code report.html}, built by {@code forecastfarm.launcher.report}): called
     * after forecasts.csv, failed.csv and summary.json are written to {@code dir}, with what the merge found (the
     * shards' states, missing and failed ones named).
     */
    public static void writeReport(final Path dir, final Result result) {
        MergeReport.write(dir, result);
    }

    @FunctionalInterface
    private interface RowCopy {
        void accept(List<String> fields, OrderedOutput out);
    }

    private Integer listNotRun(
            final int n,
            final List<ShardState> states,
            final Set<String> seen,
            final Set<String> ids,
            final OrderedOutput failed,
            final long[] notRun)
            throws IOException {
        for (final String id : ids) {
            if (!seen.contains(id)) {
                final ShardState state = states.get(ShardFilter.shardOf(id, n));
                final String why = state.ok() ? "missing from the outputs of " + state.describe() : state.describe();
                failed.row(List.of(
                        id,
                        "NOT_RUN",
                        "0",
                        why + "; rerun that shard (scripts/farm forecast --shard " + state.label()
                                + ") and merge again"));
                notRun[0]++;
            }
        }
        return ids.size();
    }

    private Map<String, Object> summary(
            final int n,
            final List<ShardState> states,
            final List<String> ignored,
            final List<String> superseded,
            final long seriesInOutput,
            final long duplicates,
            final List<String> duplicateExamples,
            final long misplaced,
            final long notRun,
            final Integer inputSeries) {
        final Map<String, Object> summary = new LinkedHashMap<>();
        for (final String key : SUMMED) {
            long sum = 0;
            for (final ShardState s : states) {
                if (s.summary() != null && s.summary().get(key) instanceof Number number) {
                    sum += number.longValue();
                }
            }
            summary.put(key, sum);
        }
        double wallMax = 0;
        for (final ShardState s : states) {
            if (s.summary() != null && s.summary().get("wall_seconds") instanceof Number number) {
                wallMax = Math.max(wallMax, number.doubleValue());
            }
        }
        summary.put("wall_seconds_slowest_shard", wallMax);
        summary.put("shards", n);
        summary.put("shards_ok", states.stream().filter(ShardState::ok).count());
        summary.put("complete", states.stream().allMatch(ShardState::ok) && duplicates == 0 && notRun == 0);
        summary.put("missing_shards", names(states, "missing"));
        summary.put("failed_shards", names(states, "failed"));
        summary.put("interrupted_shards", names(states, "interrupted"));
        summary.put("series_in_output", seriesInOutput);
        summary.put("input_series", inputSeries);
        summary.put("not_run_series", input != null ? notRun : null);
        summary.put("duplicate_series", duplicates);
        summary.put("duplicate_examples", duplicateExamples);
        summary.put("misplaced_series", misplaced);
        summary.put("superseded_dirs", superseded);
        summary.put("ignored_dirs", ignored);
        final List<Map<String, Object>> perShard = new ArrayList<>();
        for (final ShardState s : states) {
            final Map<String, Object> one = new LinkedHashMap<>();
            one.put("shard", s.label());
            one.put("status", s.status());
            one.put("dir", s.dir());
            one.put("exit_code", s.exitCode());
            one.put("reason", s.reason());
            if (s.summary() != null) {
                for (final String key : List.of(
                        "tasks", "ok", "failed", "poisoned", "resumed", "workers", "wall_seconds", "interrupted_by")) {
                    one.put(key, s.summary().get(key));
                }
            }
            perShard.add(one);
        }
        summary.put("per_shard", perShard);
        return summary;
    }

    private static List<String> names(final List<ShardState> states, final String status) {
        return states.stream()
                .filter(s -> status.equals(s.status()))
                .map(s -> s.label()
                        + (s.dir() != null ? " " + s.dir() : "")
                        + (s.reason() != null ? ": " + s.reason() : ""))
                .toList();
    }

    private static int exitCode(
            final List<ShardState> states, final long duplicates, final Map<String, Object> summary) {
        if (duplicates > 0
                || !states.stream().allMatch(ShardState::ok)
                || !Boolean.TRUE.equals(summary.get("complete"))) {
            return ExitCodes.SHARDS_INCOMPLETE;
        }
        final long bad = ((Number) summary.get("failed")).longValue()
                + ((Number) summary.get("poisoned")).longValue()
                + ((Number) summary.get("invalid_input")).longValue();
        return ExitCodes.forFailures(bad);
    }

    private void print(final Result result, final List<String> ignored, final List<String> superseded) {
        final Map<String, Object> s = result.summary();
        console.printf(
                java.util.Locale.ROOT,
                "merged %d of %d shards: %d series in the output, %s ok, %s failed, "
                        + "%s poisoned, %s invalid; outputs in %s%n",
                (Long) s.get("shards_ok"),
                result.shards().size(),
                result.seriesInOutput(),
                s.get("ok"),
                s.get("failed"),
                s.get("poisoned"),
                s.get("invalid_input"),
                dir);
        for (final ShardState state : result.incomplete()) {
            console.println("incomplete: " + state.describe());
        }
        if (result.notRunSeries() > 0) {
            console.println(result.notRunSeries() + " series of the input are in no shard's output: listed as "
                    + "NOT_RUN in failed.csv");
        }
        if (result.duplicateSeries() > 0) {
            console.println("error: " + result.duplicateSeries() + " series are in more than one shard (kept from "
                    + "the first), e.g. " + s.get("duplicate_examples"));
        }
        if (result.misplacedSeries() > 0) {
            console.println("warning: " + result.misplacedSeries() + " series are in a shard their id does not hash "
                    + "to: were the shards made with another shard count?");
        }
        superseded.forEach(name -> console.println("superseded (another dir holds the same shard): " + name));
        ignored.forEach(name -> console.println("ignored: " + name));
    }

    private List<Candidate> listCandidates() {
        final Path shardsDir = dir.resolve(SHARDS_DIR);
        final List<Candidate> candidates = new ArrayList<>();
        if (!Files.isDirectory(shardsDir)) {
            return candidates;
        }
        try (Stream<Path> entries = Files.list(shardsDir)) {
            for (final Path entry : entries.sorted().toList()) {
                final Matcher m = SHARD_DIR_NAME.matcher(entry.getFileName().toString());
                if (Files.isDirectory(entry) && m.matches() && m.group(2).length() < 8) {
                    candidates.add(new Candidate(dir, entry, Integer.parseInt(m.group(2))));
                }
            }
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot list " + shardsDir + ": " + ex.getMessage(), ex);
        }
        return candidates;
    }

    private int shardCount(final List<Candidate> candidates) {
        if (expectedShards != null) {
            if (expectedShards < 1 || expectedShards > ShardFilter.MAX_SHARDS) {
                throw new IllegalArgumentException(
                        "invalid --shards " + expectedShards + ": must be 1.." + ShardFilter.MAX_SHARDS);
            }
            return expectedShards;
        }
        final Set<Integer> counts = new java.util.TreeSet<>();
        candidates.stream().filter(c -> c.summaryCount != null).forEach(c -> counts.add(c.summaryCount));
        if (counts.size() == 1) {
            return counts.iterator().next();
        }
        throw new IllegalArgumentException(
                counts.isEmpty()
                        ? "cannot tell how many shards the job has (no shard summary under " + dir.resolve(SHARDS_DIR)
                                + "): give --shards N"
                        : "the shards under " + dir.resolve(SHARDS_DIR) + " come from jobs with " + counts
                                + " shards: give " + "--shards N");
    }

    private static String otherColumns(final List<String> header, final List<String> first) {
        final ForecastTable.Shape shape = ForecastTable.shapeOf(header);
        if (shape != ForecastTable.shapeOf(first)) {
            return "its forecasts.csv is " + shape + " and the first shard's is " + ForecastTable.shapeOf(first)
                    + " (--output-shape): rerun it with the other shards' --output-shape, then merge again";
        }
        return "its forecasts.csv has other columns (" + String.join(",", header) + "): another job's shard?";
    }

    private static List<String> header(final Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv)) {
            final String first = lines.findFirst().orElse("");
            return List.of(first.split(",", -1));
        }
    }

    /**
     * One dir under DIR/shards that may hold shard {@code index}.
     */
    private static final class Candidate {
        final Path dir;
        final String name;
        final int index;
        final Integer exitCode;
        final Map<String, Object> summary;
        final String summaryProblem;
        final Integer summaryCount;
        final Integer summaryIndex;
        final long modifiedMs;

        @SuppressWarnings("unchecked")
        Candidate(final Path jobDir, final Path dir, final int index) {
            this.dir = dir;
            this.name = jobDir.relativize(dir).toString();
            this.index = index;
            this.exitCode = readExitCode(dir.resolve(EXIT_CODE_FILE));
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
        }

        boolean hasOutputs() {
            return summary != null
                    && Files.isRegularFile(dir.resolve("forecasts.csv"))
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

        ShardState state(final int n) {
            final Map<String, Object> s = summary;
            if (summaryIndex != null && summaryIndex != index) {
                return new ShardState(
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
                        : "no outputs (forecasts.csv, failed.csv, summary.json)";
                return new ShardState(
                        index,
                        n,
                        "failed",
                        name,
                        exitCode,
                        what
                                + (exitCode != null
                                        ? "; the farm " + "exited with " + exitCode + " ("
                                                + ExitCodes.describe(exitCode) + ")"
                                        : "; no exit code " + "recorded: the task was killed, or is still running")
                                + "; its log is under logs/",
                        s);
            }
            if (s.get("abort_reason") != null) {
                return new ShardState(
                        index, n, "failed", name, exitCode, "the farm gave up: " + s.get("abort_reason"), s);
            }
            if (s.get("interrupted_by") != null) {
                return new ShardState(
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
                return new ShardState(
                        index,
                        n,
                        "failed",
                        name,
                        exitCode,
                        "the farm exited with " + exitCode + " (" + ExitCodes.describe(exitCode) + ")",
                        s);
            }
            return new ShardState(index, n, "ok", name, exitCode, null, s);
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
}
