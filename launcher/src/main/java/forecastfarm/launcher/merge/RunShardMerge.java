package forecastfarm.launcher.merge;

import forecastfarm.launcher.io.FailedCsvWriter;
import forecastfarm.launcher.io.ResultsJsonl;
import forecastfarm.launcher.io.ShardFilter;
import forecastfarm.launcher.io.SummaryJson;
import forecastfarm.launcher.merge.ShardMerge.Result;
import forecastfarm.launcher.merge.ShardMerge.ShardState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code farm merge DIR} of the shards of a {@code farm run --kind K --shard i/n} job: their results.jsonl and
 * failed.csv are joined into DIR/results.jsonl, DIR/failed.csv and DIR/summary.json, each key once.
 *
 * <p>As {@link ShardMerge} does for series: a key in two shards is kept from the lower one and counted as a duplicate,
 * a key in a shard its hash does not send it to is counted as misplaced ({@link ShardRowCopy}), missing, failed and
 * interrupted shards are named, and summary.json has the same fields and exit code, plus {@code "kind"}. With {@code
 * --input} (the job's tasks.jsonl or tasks.csv) the lines are written in the input's key order and every key that no
 * shard lists is a NOT_RUN line in results.jsonl and a NOT_RUN row in failed.csv (lines without a key go last).
 * Without it, lines are written shard after shard. No report.html, no plots; {@code --output-format} does not apply.
 */
final class RunShardMerge {
    private final Path dir;
    private final Path input;
    private final ShardMerge printer;

    /**
     * @param input   the job's task file, or null.
     * @param printer prints the outcome to the console.
     */
    RunShardMerge(final Path dir, final Path input, final ShardMerge printer) {
        this.dir = dir;
        this.input = input;
        this.printer = printer;
    }

    Result merge(final ShardChoice choice) throws IOException {
        final int n = choice.count();
        final List<ShardState> states = new ArrayList<>();
        final ShardRowCopy rows = new ShardRowCopy(n);
        final Map<String, Long> positions = input == null ? null : OrderedOutput.taskPositions(input);
        final List<OrderedOutput> open = new ArrayList<>();
        try {
            final OrderedOutput results = OrderedOutput.resultsJsonl(dir.resolve(ResultsJsonl.FILE_NAME), positions);
            open.add(results);
            final OrderedOutput failed =
                    new OrderedOutput(dir.resolve("failed.csv"), FailedCsvWriter.TASK_HEADER, positions);
            open.add(failed);
            for (int i = 0; i < n; i++) {
                final ShardCandidate c = choice.chosen().get(i);
                if (c == null) {
                    states.add(ShardMerge.missing(i, n));
                    continue;
                }
                final ShardState state = c.state(n);
                if (c.hasOutputs()) {
                    rows.copyRun(
                            i, c.dir.resolve(ResultsJsonl.FILE_NAME), c.dir.resolve("failed.csv"), results, failed);
                }
                states.add(state);
            }
            Long notRun = null;
            Integer inputTasks = null;
            if (positions != null) {
                notRun = listNotRun(choice, states, rows, positions, results, failed);
                inputTasks = positions.size();
            }
            final Map<String, Object> summary = MergeSummary.build(choice, states, rows, notRun, inputTasks);
            summary.put("kind", choice.kind());
            results.close();
            failed.close();
            open.clear();
            SummaryJson.write(dir.resolve("summary.json"), summary);
            final Result result = Result.of(states, summary, rows, notRun);
            printer.print(result, "tasks", ResultsJsonl.FILE_NAME + ", failed.csv, summary.json", choice);
            return result;
        } finally {
            open.forEach(OrderedOutput::abort);
        }
    }

    /**
     * Lists the input's keys that no shard's output holds as NOT_RUN, naming the shard each belongs to.
     *
     * @return how many.
     */
    private static long listNotRun(
            final ShardChoice choice,
            final List<ShardState> states,
            final ShardRowCopy rows,
            final Map<String, Long> positions,
            final OrderedOutput results,
            final OrderedOutput failed)
            throws IOException {
        long notRun = 0;
        for (final String key : positions.keySet()) {
            if (rows.seen().contains(key)) {
                continue;
            }
            final ShardState state = states.get(ShardFilter.shardOf(key, choice.count()));
            final String why = (state.ok() ? "missing from the outputs of " + state.describe() : state.describe())
                    + "; rerun that shard (scripts/farm run" + (choice.kind() != null ? " --kind " + choice.kind() : "")
                    + " --shard " + state.label() + ") and merge again";
            results.row(key, List.of(ResultsJsonl.line(key, "NOT_RUN", 0, null, why)));
            failed.row(List.of(key, "NOT_RUN", "0", why));
            notRun++;
        }
        return notRun;
    }
}
