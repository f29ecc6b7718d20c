package forecastfarm.launcher.io;

import forecastfarm.shared.FarmDirectory;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * {@code jobs/ID.series.tsv} in the farm dir: every series of a forecast job, in input order, with the dates of its
 * forecast steps, one line each: {@code id TAB ds1 TAB ds2 ...} (tab, newline, carriage return and % in an id are
 * %-escaped). The results map holds only finished series and no dates, so {@code farm inspect --id} reads this to
 * tell a pending series from one that is not in the job, and to label the steps. Written during the input check, before any series
 * runs, and published whole (renamed into place) by {@link #commit()}; every run of the job rewrites it.
 */
public final class SeriesIndex implements AutoCloseable {
    private final FarmDirectory farm;
    private final String job;
    private final Path tmp;
    private final BufferedWriter out;
    private boolean committed;

    private SeriesIndex(final FarmDirectory farm, final String job, final Path tmp, final BufferedWriter out) {
        this.farm = farm;
        this.job = job;
        this.tmp = tmp;
        this.out = out;
    }

    public static SeriesIndex create(final FarmDirectory farm, final String job) {
        final Path tmp = farm.seriesIndexFile(job).resolveSibling(job + ".series.tsv.tmp");
        try {
            final SeriesIndex index =
                    new SeriesIndex(farm, job, tmp, Files.newBufferedWriter(tmp, StandardCharsets.UTF_8));
            FarmDirectory.makeOwnerOnlyFile(tmp);
            return index;
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + farm.seriesIndexFile(job) + ": " + ex.getMessage(), ex);
        }
    }

    public void add(final String id, final String[] forecastDs) {
        try {
            out.write(escape(id));
            for (final String ds : forecastDs) {
                out.write('\t');
                out.write(ds);
            }
            out.write('\n');
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write the series index: " + ex.getMessage(), ex);
        }
    }

    /** Every series was added: publish the index. */
    public void commit() {
        try {
            out.close();
            Files.move(
                    tmp,
                    farm.seriesIndexFile(job),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            committed = true;
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + farm.seriesIndexFile(job) + ": " + ex.getMessage(), ex);
        }
    }

    /** Drops an index that was not committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            out.close();
            Files.deleteIfExists(tmp);
        } catch (final IOException ignored) {
            // a stale tmp file is overwritten by the next run
        }
    }

    /** What the index says about one id. */
    public enum Status {
        IN_JOB,
        NOT_IN_JOB,
        /** a farm dir of an earlier version, or a run that has not reached its input yet */
        NO_INDEX
    }

    /**
     * @param forecastDs the dates of the forecast steps (empty unless {@link Status#IN_JOB}).
     */
    public record Lookup(Status status, List<String> forecastDs) {}

    public static Lookup find(final FarmDirectory farm, final String job, final String id) {
        final String prefix = escape(id) + '\t';
        final String alone = escape(id);
        try (BufferedReader in = Files.newBufferedReader(farm.seriesIndexFile(job), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(prefix)) {
                    return new Lookup(
                            Status.IN_JOB,
                            Arrays.asList(line.substring(prefix.length()).split("\t", -1)));
                }
                if (line.equals(alone)) {
                    return new Lookup(Status.IN_JOB, List.of());
                }
            }
            return new Lookup(Status.NOT_IN_JOB, List.of());
        } catch (final NoSuchFileException ex) {
            return new Lookup(Status.NO_INDEX, List.of());
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot read " + farm.seriesIndexFile(job) + ": " + ex.getMessage(), ex);
        }
    }

    static String escape(final String id) {
        if (id.indexOf('%') < 0 && id.indexOf('\t') < 0 && id.indexOf('\n') < 0 && id.indexOf('\r') < 0) {
            return id;
        }
        return id.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
    }
}
