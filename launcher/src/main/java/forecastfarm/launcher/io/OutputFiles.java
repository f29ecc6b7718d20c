package forecastfarm.launcher.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Files of {@code --out}: they take the permissions the user's umask gives a new file (0644 under umask 022), like
 * any tool's output, so that colleagues and a web server can read a report. (Only the farm dir is owner-only: see
 * {@code FarmDirectory}.) {@link Files#createTempFile} would make them owner-only (0600) whatever the umask.
 */
public final class OutputFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TRIES = 100;

    private OutputFiles() {}

    /**
     * Creates a new empty file {@code dir/PREFIX<random>SUFFIX} with the umask's permissions.
     *
     * @throws IOException when it cannot be created.
     */
    public static Path createTempFile(final Path dir, final String prefix, final String suffix) throws IOException {
        final byte[] bytes = new byte[8];
        FileAlreadyExistsException last = null;
        for (int i = 0; i < TRIES; i++) {
            RANDOM.nextBytes(bytes);
            final Path file = dir.resolve(prefix + HexFormat.of().formatHex(bytes) + suffix);
            try {
                return Files.createFile(file);
            } catch (final FileAlreadyExistsException ex) {
                last = ex;
            }
        }
        throw last;
    }
}
