package forecastfarm.launcher.farm;

import forecastfarm.launcher.io.BatchIndex;
import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The jobs of a farm dir, one {@code jobs/ID.properties} each, so that {@code farm inspect} can list them and a job
 * reopened with its id resumes only if it is the same job:
 *
 * <pre>
 *   job=forecast input=/data/in.csv (...) h=12 ...   the fingerprint compared when the job id is reopened
 *   owner=cli
 *   priority=0
 *   state=running                                    running, done, interrupted, aborted or failed
 *   opened_ms=1764985000000
 *   ended_ms=1764985012345                           once it ended, with its counts
 *   tasks=400 ok=398 failed=2 poisoned=0 resumed=0   (one line each)
 *   about.input=/data/in.csv                         the description, one line per option
 * </pre>
 */
public final class JobRegistry {
    private static final String SUFFIX = ".properties";
    private static final String ABOUT = "about.";

    private JobRegistry() {}

    /**
     * A job as its file records it.
     *
     * @param counts tasks, ok, failed, poisoned, resumed once the job ended; empty while it runs.
     */
    public record Entry(
            String id,
            String fingerprint,
            String owner,
            int priority,
            String state,
            long openedMs,
            long endedMs,
            Map<String, Long> counts,
            Map<String, String> description) {
        public boolean running() {
            return "running".equals(state);
        }
    }

    /**
     * Records the job as running; refuses a job id that holds another job.
     *
     * @throws FarmException when the id's file records another fingerprint.
     */
    static void open(final FarmDirectory farm, final JobSpec spec, final long nowMs) {
        final Optional<Entry> stored = read(farm, spec.id());
        if (stored.isPresent() && !stored.get().fingerprint().equals(spec.fingerprint())) {
            throw new FarmException("job " + spec.id() + " in farm dir " + farm.root() + " holds results of another"
                    + " job (" + stored.get().fingerprint() + "); give this one another id");
        }
        write(farm, spec, "running", nowMs, 0, Map.of());
    }

    /** Records how the job ended. */
    static void ended(
            final FarmDirectory farm,
            final JobSpec spec,
            final String state,
            final FarmReport report,
            final long openedMs,
            final long nowMs) {
        final Map<String, Long> counts = new LinkedHashMap<>();
        if (report != null) {
            counts.put("tasks", (long) report.tasks());
            counts.put("ok", (long) report.ok());
            counts.put("failed", (long) report.failed());
            counts.put("poisoned", (long) report.poisoned());
            counts.put("resumed", (long) report.resumed());
        }
        write(farm, spec, state, openedMs, nowMs, counts);
    }

    /** @return the state word for a job that ended with this report. */
    static String state(final FarmReport report) {
        if (report.abortReason() != null) {
            return "aborted";
        }
        return report.interruptedBy() != null || !report.complete() ? "interrupted" : "done";
    }

    /** @return the farm dir's jobs, oldest first; empty when it has none. */
    public static List<Entry> list(final FarmDirectory farm) {
        if (!Files.isDirectory(farm.jobsDir())) {
            return List.of();
        }
        final List<Entry> jobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(farm.jobsDir())) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                final String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    read(farm, name.substring(0, name.length() - SUFFIX.length()))
                            .ifPresent(jobs::add);
                }
            }
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot list " + farm.jobsDir() + ": " + ex.getMessage(), ex);
        }
        jobs.sort(Comparator.comparingLong(Entry::openedMs).thenComparing(Entry::id));
        return jobs;
    }

    public static Optional<Entry> read(final FarmDirectory farm, final String id) {
        final Map<String, String> stored = PropertiesFile.read(farm.jobFile(id));
        if (stored == null) {
            return Optional.empty();
        }
        final Map<String, Long> counts = new LinkedHashMap<>();
        final Map<String, String> about = new LinkedHashMap<>();
        for (final Map.Entry<String, String> e : stored.entrySet()) {
            if (e.getKey().startsWith(ABOUT)) {
                about.put(e.getKey().substring(ABOUT.length()), e.getValue());
            } else if (List.of("tasks", "ok", "failed", "poisoned", "resumed").contains(e.getKey())) {
                counts.put(e.getKey(), parse(farm, id, e.getValue()));
            }
        }
        return Optional.of(new Entry(
                id,
                stored.getOrDefault("job", ""),
                stored.getOrDefault("owner", JobSpec.CLI_OWNER),
                (int) parse(farm, id, stored.getOrDefault("priority", "0")),
                stored.getOrDefault("state", "?"),
                parse(farm, id, stored.getOrDefault("opened_ms", "0")),
                parse(farm, id, stored.getOrDefault("ended_ms", "0")),
                counts,
                about));
    }

    /** Forgets the job: its file, its series index and its batches. */
    static void delete(final FarmDirectory farm, final String id) {
        try {
            Files.deleteIfExists(farm.jobFile(id));
            Files.deleteIfExists(farm.seriesIndexFile(id));
            BatchIndex.delete(farm, id);
        } catch (final IOException ex) {
            throw new FarmException("cannot delete job " + id + " of " + farm.root() + ": " + ex.getMessage(), ex);
        }
    }

    private static long parse(final FarmDirectory farm, final String id, final String value) {
        try {
            return Long.parseLong(value);
        } catch (final NumberFormatException ex) {
            throw new FarmException("cannot read " + farm.jobFile(id) + ": '" + value + "' is not a number", ex);
        }
    }

    private static void write(
            final FarmDirectory farm,
            final JobSpec spec,
            final String state,
            final long openedMs,
            final long endedMs,
            final Map<String, Long> counts) {
        final Map<String, String> entries = new LinkedHashMap<>();
        entries.put("job", spec.fingerprint());
        entries.put("owner", spec.owner());
        entries.put("priority", Integer.toString(spec.priority()));
        entries.put("state", state);
        entries.put("opened_ms", Long.toString(openedMs));
        if (endedMs > 0) {
            entries.put("ended_ms", Long.toString(endedMs));
        }
        counts.forEach((name, count) -> entries.put(name, Long.toString(count)));
        spec.description().forEach((key, value) -> entries.put(ABOUT + key, value));
        PropertiesFile.write(farm.jobFile(spec.id()), "Forecast Farm: one job of this farm dir", entries);
    }
}
