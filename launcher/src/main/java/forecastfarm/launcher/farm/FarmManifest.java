package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code farm.properties}: which job a farm dir holds results of, what that job is in words (its input and main
 * options, for {@code farm inspect}), and how its results map was sized. A rerun with the same job resumes; a
 * different job is refused rather than mixing results. Written whole under a temporary name and renamed into place,
 * owner-only, in a fixed order so that a person can read it:
 *
 * <pre>
 *   job=forecast input=/data/in.csv (...) h=12 ...     the fingerprint compared on every run
 *   about.input=/data/in.csv                           the description, one line per option (rewritten each run)
 *   about.horizon=12
 *   map.entries=2048                                   the results map's sizing (once the run has counted its tasks)
 * </pre>
 */
public final class FarmManifest {
    private static final String JOB = "job";
    private static final String ABOUT = "about.";
    private static final String ENTRIES = "map.entries";
    private static final String KEY_BYTES = "map.averageKeyBytes";
    private static final String VALUE_BYTES = "map.averageValueBytes";

    private FarmManifest() {}

    /**
     * Refuses a farm dir that holds another job, before anything else happens in it; otherwise records this job and
     * its description (keeping a stored sizing), so that {@code farm inspect} can say what the farm dir is for from
     * the start of the run.
     *
     * @param description the job's input and options in words, in display order; may be empty.
     * @throws FarmException when the farm dir holds another job, or the manifest cannot be read or written.
     */
    static void claim(final FarmDirectory farm, final String job, final Map<String, String> description) {
        final Properties stored = load(farm);
        if (stored != null) {
            requireJob(farm, job, stored);
        }
        write(farm, job, description, stored == null ? null : sizing(farm, stored));
    }

    /**
     * @return the sizing to use: the stored one when resuming, else the given one (and it is stored).
     * @throws FarmException when the farm dir holds another job.
     */
    static MapSizing checkOrWrite(final FarmDirectory farm, final String job, final MapSizing sizing) {
        final Properties stored = load(farm);
        if (stored != null) {
            requireJob(farm, job, stored);
            final MapSizing kept = sizing(farm, stored);
            if (kept != null) {
                return kept;
            }
        }
        write(farm, job, stored == null ? Map.of() : about(stored, farm), sizing);
        return sizing;
    }

    /**
     * @return the job in words, in the order it was written: the description's options, or, for a farm dir of a run
     *     that gave none (an embedded farm, an earlier version), {@code job} and its fingerprint; empty when the farm
     *     dir has no manifest yet.
     * @throws FarmException when the manifest cannot be read.
     */
    public static Map<String, String> description(final FarmDirectory farm) {
        final Properties stored = load(farm);
        if (stored == null) {
            return Map.of();
        }
        final Map<String, String> about = about(stored, farm);
        return about.isEmpty() ? Map.of(JOB, stored.getProperty(JOB, "?")) : about;
    }

    private static void requireJob(final FarmDirectory farm, final String job, final Properties stored) {
        if (!job.equals(stored.getProperty(JOB))) {
            throw new FarmException("farm dir " + farm.root() + " holds results of another job ("
                    + stored.getProperty(JOB) + "); use a new --farm-dir, or delete this one to start over");
        }
    }

    /** @return the stored sizing, or null when the first run stopped before it had counted its tasks. */
    private static MapSizing sizing(final FarmDirectory farm, final Properties stored) {
        if (stored.getProperty(ENTRIES) == null) {
            return null;
        }
        try {
            return new MapSizing(
                    Long.parseLong(stored.getProperty(ENTRIES)),
                    Integer.parseInt(stored.getProperty(KEY_BYTES)),
                    Integer.parseInt(stored.getProperty(VALUE_BYTES)));
        } catch (final RuntimeException ex) {
            throw new FarmException("cannot read " + farm.manifestFile() + ": " + ex.getMessage(), ex);
        }
    }

    /** The description's options in file order (Properties forgets the order, so the lines are scanned for it). */
    private static Map<String, String> about(final Properties stored, final FarmDirectory farm) {
        final Map<String, String> about = new LinkedHashMap<>();
        for (final String line : lines(farm)) {
            final int end = line.indexOf('=');
            if (line.startsWith(ABOUT) && end > 0) {
                final String key = line.substring(0, end);
                final String value = stored.getProperty(key);
                if (value != null) {
                    about.put(key.substring(ABOUT.length()), value);
                }
            }
        }
        return about;
    }

    private static Properties load(final FarmDirectory farm) {
        final List<String> lines = lines(farm);
        if (lines == null) {
            return null;
        }
        final Properties stored = new Properties();
        try (Reader in = new StringReader(String.join("\n", lines))) {
            stored.load(in);
        } catch (final IOException | IllegalArgumentException ex) {
            throw new FarmException("cannot read " + farm.manifestFile() + ": " + ex.getMessage(), ex);
        }
        return stored;
    }

    /** @return the manifest's lines, or null when there is none. */
    private static List<String> lines(final FarmDirectory farm) {
        try {
            return Files.readAllLines(farm.manifestFile(), StandardCharsets.UTF_8);
        } catch (final NoSuchFileException ex) {
            return null;
        } catch (final IOException ex) {
            throw new FarmException("cannot read " + farm.manifestFile() + ": " + ex.getMessage(), ex);
        }
    }

    private static void write(
            final FarmDirectory farm, final String job, final Map<String, String> about, final MapSizing sizing) {
        final Path file = farm.manifestFile();
        final StringBuilder text = new StringBuilder("# Forecast Farm: the job this farm dir belongs to\n");
        text.append(JOB).append('=').append(escape(job)).append('\n');
        about.forEach((key, value) ->
                text.append(ABOUT).append(key).append('=').append(escape(value)).append('\n'));
        if (sizing != null) {
            text.append(ENTRIES).append('=').append(sizing.entries()).append('\n');
            text.append(KEY_BYTES).append('=').append(sizing.averageKeyBytes()).append('\n');
            text.append(VALUE_BYTES)
                    .append('=')
                    .append(sizing.averageValueBytes())
                    .append('\n');
        }
        final Path tmp = file.resolveSibling("farm.properties.tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            FarmDirectory.makeOwnerOnlyFile(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException | RuntimeException ex) {
            throw new FarmException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** A value as {@link Properties#load} reads it back: backslashes, line breaks and leading blanks escaped. */
    static String escape(final String value) {
        final StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(out.length() == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
