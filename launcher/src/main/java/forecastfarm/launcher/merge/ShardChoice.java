package forecastfarm.launcher.merge;

import forecastfarm.launcher.io.ShardFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Which dir under DIR/shards stands for each shard index 0..n-1: the dirs named {@code <tag>_<i>} are listed, n is
 * taken from {@code --shards} or else from their summaries, dirs of another shard count or an index not below n are
 * ignored, and of several dirs with the same index the most complete, then the newest, is chosen and the others are
 * superseded. All those dirs must come from one kind of job: {@code farm forecast}, {@code farm cv}, or {@code farm run}
 * of one task kind.
 *
 * @param count      n.
 * @param chosen     per index, the chosen dir, or null when there is none (the shard is missing).
 * @param ignored    the ignored dirs, each with why.
 * @param superseded the superseded dirs.
 * @param run        whether the shards are of {@code farm run} (results.jsonl), not of {@code farm forecast}.
 * @param kind       the task kind of {@code farm run} shards as their summaries name it; null when none does.
 * @param cv         whether the shards are of {@code farm cv} (cv.csv and cv_metrics.csv).
 */
record ShardChoice(
        int count,
        List<ShardCandidate> chosen,
        List<String> ignored,
        List<String> superseded,
        boolean run,
        String kind,
        boolean cv) {
    private static final String RUN_KIND = "farm run --kind ";

    /**
     * @param expectedShards n, or null to take it from the shards' summaries.
     * @throws IllegalArgumentException when n is not given and the summaries do not agree on one, or n is invalid;
     *     or when the shards come from different kinds of job (naming the dirs of each).
     */
    static ShardChoice of(final Path jobDir, final Integer expectedShards) {
        final List<ShardCandidate> candidates = list(jobDir);
        final int n = shardCount(jobDir, expectedShards, candidates);
        final List<String> ignored = new ArrayList<>();
        final Map<Integer, List<ShardCandidate>> byIndex = new TreeMap<>();
        for (final ShardCandidate c : candidates) {
            if (c.summaryCount != null && c.summaryCount != n) {
                ignored.add(c.name + " (shard of " + c.summaryCount + ", not " + n + ")");
            } else if (c.index >= n) {
                ignored.add(c.name + " (index " + c.index + " is not below " + n + ")");
            } else {
                byIndex.computeIfAbsent(c.index, k -> new ArrayList<>()).add(c);
            }
        }
        final Map<String, List<String>> jobs = jobs(byIndex.values());
        final List<String> superseded = new ArrayList<>();
        final List<ShardCandidate> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final List<ShardCandidate> options = byIndex.getOrDefault(i, List.of());
            if (options.isEmpty()) {
                chosen.add(null);
                continue;
            }
            final ShardCandidate best = options.stream()
                    .max(Comparator.comparingInt(ShardCandidate::rank).thenComparingLong(c -> c.modifiedMs))
                    .orElseThrow();
            options.stream().filter(c -> c != best).forEach(c -> superseded.add(c.name));
            chosen.add(best);
        }
        final boolean run = jobs.keySet().stream().anyMatch(job -> job.startsWith("farm run"));
        final String kind = jobs.keySet().stream()
                .filter(job -> job.startsWith(RUN_KIND))
                .map(job -> job.substring(RUN_KIND.length()))
                .findFirst()
                .orElse(null);
        return new ShardChoice(n, chosen, ignored, superseded, run, kind, jobs.containsKey("farm cv"));
    }

    /**
     * @return each job found ({@code farm forecast}, {@code farm run --kind K}) to its dirs; a run shard whose kind
     *     is unknown (no summary) joins the one run kind found.
     * @throws IllegalArgumentException when they are of more than one job.
     */
    private static Map<String, List<String>> jobs(final Collection<List<ShardCandidate>> candidates) {
        final Map<String, List<String>> jobs = new TreeMap<>();
        candidates.stream().flatMap(List::stream).forEach(c -> {
            final String job = c.job();
            if (job != null) {
                jobs.computeIfAbsent(job, k -> new ArrayList<>()).add(c.name);
            }
        });
        final long runKinds =
                jobs.keySet().stream().filter(j -> j.startsWith(RUN_KIND)).count();
        if (jobs.containsKey("farm run") && runKinds == 1) {
            final List<String> unknown = jobs.remove("farm run");
            jobs.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(RUN_KIND))
                    .findFirst()
                    .orElseThrow()
                    .getValue()
                    .addAll(unknown);
        }
        if (jobs.size() > 1) {
            final StringBuilder message = new StringBuilder("cannot merge shards of different jobs:");
            jobs.forEach((job, dirs) -> message.append(' ')
                    .append(job)
                    .append(" (")
                    .append(String.join(", ", dirs))
                    .append(");"));
            message.setLength(message.length() - 1);
            throw new IllegalArgumentException(message + ". Move the other job's shard dirs out of "
                    + ShardMerge.SHARDS_DIR + "/ and merge again");
        }
        return jobs;
    }

    private static List<ShardCandidate> list(final Path jobDir) {
        final Path shardsDir = jobDir.resolve(ShardMerge.SHARDS_DIR);
        final List<ShardCandidate> candidates = new ArrayList<>();
        if (!Files.isDirectory(shardsDir)) {
            return candidates;
        }
        try (Stream<Path> entries = Files.list(shardsDir)) {
            for (final Path entry : entries.sorted().toList()) {
                final Matcher m =
                        ShardMerge.SHARD_DIR_NAME.matcher(entry.getFileName().toString());
                if (Files.isDirectory(entry) && m.matches() && m.group(2).length() < 8) {
                    candidates.add(new ShardCandidate(jobDir, entry, Integer.parseInt(m.group(2))));
                }
            }
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot list " + shardsDir + ": " + ex.getMessage(), ex);
        }
        return candidates;
    }

    private static int shardCount(
            final Path jobDir, final Integer expectedShards, final List<ShardCandidate> candidates) {
        if (expectedShards != null) {
            if (expectedShards < 1 || expectedShards > ShardFilter.MAX_SHARDS) {
                throw new IllegalArgumentException(
                        "invalid --shards " + expectedShards + ": must be 1.." + ShardFilter.MAX_SHARDS);
            }
            return expectedShards;
        }
        final Set<Integer> counts = new TreeSet<>();
        candidates.stream().filter(c -> c.summaryCount != null).forEach(c -> counts.add(c.summaryCount));
        if (counts.size() == 1) {
            return counts.iterator().next();
        }
        final Path shardsDir = jobDir.resolve(ShardMerge.SHARDS_DIR);
        throw new IllegalArgumentException(
                counts.isEmpty()
                        ? "cannot tell how many shards the job has (no shard summary under " + shardsDir
                                + "): give --shards N"
                        : "the shards under " + shardsDir + " come from jobs with " + counts + " shards: give "
                                + "--shards N");
    }
}
