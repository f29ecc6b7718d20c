package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code farm.properties}: which job a farm dir holds results of, and how its results map was sized. A rerun with the
 * same job resumes; a different job is refused rather than mixing results.
 */
final class FarmManifest {
    private static final String JOB = "job";
    private static final String ENTRIES = "map.entries";
    private static final String KEY_BYTES = "map.averageKeyBytes";
    private static final String VALUE_BYTES = "map.averageValueBytes";

    private FarmManifest() {}

    /**
     * Refuses a farm dir that holds another job, before anything else happens in it.
     *
     * @throws FarmException when the farm dir holds another job.
     */
    static void requireSameJob(final FarmDirectory farm, final String job) {
        final Path file = farm.manifestFile();
        if (Files.exists(file)) {
            checkOrWrite(farm, job, null);
        }
    }

    /**
     * @return the sizing to use: the stored one when resuming, else the given one (and it is stored).
     * @throws FarmException when the farm dir holds another job.
     */
    static MapSizing checkOrWrite(final FarmDirectory farm, final String job, final MapSizing sizing) {
        final Path file = farm.manifestFile();
        try {
            if (Files.exists(file)) {
                final Properties stored = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(in);
                }
                if (!job.equals(stored.getProperty(JOB))) {
                    throw new FarmException("farm dir " + farm.root() + " holds results of another job ("
                            + stored.getProperty(JOB) + "); use a new --farm-dir, or delete this one to start over");
                }
                return new MapSizing(
                        Long.parseLong(stored.getProperty(ENTRIES)),
                        Integer.parseInt(stored.getProperty(KEY_BYTES)),
                        Integer.parseInt(stored.getProperty(VALUE_BYTES)));
            }
            final Properties props = new Properties();
            props.setProperty(JOB, job);
            props.setProperty(ENTRIES, Long.toString(sizing.entries()));
            props.setProperty(KEY_BYTES, Integer.toString(sizing.averageKeyBytes()));
            props.setProperty(VALUE_BYTES, Integer.toString(sizing.averageValueBytes()));
            final Path tmp = file.resolveSibling("farm.properties.tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                props.store(out, "Forecast Farm: the job this farm dir belongs to");
            }
            FarmDirectory.makeOwnerOnlyFile(tmp);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return sizing;
        } catch (final IOException | RuntimeException ex) {
            if (ex instanceof FarmException farmException) {
                throw farmException;
            }
            throw new FarmException("cannot read or write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
