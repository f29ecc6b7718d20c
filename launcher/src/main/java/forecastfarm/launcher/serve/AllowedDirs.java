package forecastfarm.launcher.serve;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The directories {@code farm serve --allow-dir DIR} reads job inputs from: a forecast job's {@code "input"} path is
 * read only when its real path (symlinks resolved, {@code ..} normalised) lies under one of them. None (the default):
 * no path is read.
 */
public final class AllowedDirs {
    static final String FIELD = "input";
    /** No directory: every path input is refused. */
    public static final AllowedDirs NONE = new AllowedDirs(List.of(), List.of());

    /** As given (absolute, normalised) and as real paths: a path may be written either way. */
    private final List<Path> given;

    private final List<Path> real;

    private AllowedDirs(final List<Path> given, final List<Path> real) {
        this.given = given;
        this.real = real;
    }

    /**
     * @throws IllegalArgumentException naming a directory that does not exist or is not one.
     */
    public static AllowedDirs of(final List<Path> dirs) {
        final List<Path> given = new ArrayList<>();
        final List<Path> real = new ArrayList<>();
        for (final Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(
                        "--allow-dir " + dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
            }
            try {
                given.add(dir.toAbsolutePath().normalize());
                real.add(dir.toRealPath());
            } catch (final IOException ex) {
                throw new IllegalArgumentException("--allow-dir " + dir + ": cannot be resolved (" + ex + ")", ex);
            }
        }
        return new AllowedDirs(List.copyOf(given), List.copyOf(real));
    }

    boolean isEmpty() {
        return real.isEmpty();
    }

    /**
     * @param text the path as the client wrote it.
     * @return its real path, under an allowed directory, that exists and can be read.
     * @throws BadRequest naming the field {@code input} and why it is refused.
     */
    Path resolve(final String text) {
        if (real.isEmpty()) {
            throw new BadRequest(
                    FIELD,
                    "this server was started without --allow-dir, so it reads no files; send the series inline as"
                            + " \"series\", or start the server with --allow-dir DIR for the files under DIR");
        }
        final Path path;
        try {
            path = Path.of(text);
        } catch (final InvalidPathException ex) {
            throw new BadRequest(FIELD, "not a path: " + ex.getMessage());
        }
        if (!path.isAbsolute()) {
            throw new BadRequest(FIELD, "an absolute path expected, got '" + text + "'; " + readable());
        }
        // first as written (.. normalised), so that nothing is said about files outside the allowed dirs
        final Path normal = path.normalize();
        if (!under(normal, given) && !under(normal, real)) {
            throw new BadRequest(FIELD, text + " is outside the directories this server reads; " + readable());
        }
        final Path resolved;
        try {
            resolved = path.toRealPath();
        } catch (final NoSuchFileException ex) {
            throw new BadRequest(FIELD, text + " does not exist on the server");
        } catch (final IOException ex) {
            throw new BadRequest(FIELD, text + " cannot be resolved on the server (" + ex.getMessage() + ")");
        }
        if (!under(resolved, real)) {
            throw new BadRequest(
                    FIELD,
                    text + " leads (through a symbolic link) to " + resolved
                            + ", outside the directories this server reads; " + readable());
        }
        if (!Files.isReadable(resolved)) {
            throw new BadRequest(FIELD, text + " cannot be read by the server (permissions)");
        }
        if (Files.isDirectory(resolved)) {
            checkEntries(text, resolved);
        }
        return resolved;
    }

    /** A folder of per-symbol files: none of its entries may lead outside either. */
    private void checkEntries(final String text, final Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (final Path entry : entries) {
                final Path target = entry.toRealPath();
                if (!under(target, real)) {
                    throw new BadRequest(
                            FIELD,
                            text + " holds " + entry.getFileName() + ", which leads (through a symbolic link) outside"
                                    + " the directories this server reads; " + readable());
                }
            }
        } catch (final IOException ex) {
            throw new BadRequest(FIELD, text + " cannot be listed on the server (" + ex.getMessage() + ")");
        }
    }

    private static boolean under(final Path path, final List<Path> dirs) {
        return dirs.stream().anyMatch(path::startsWith);
    }

    private String readable() {
        return "it reads under --allow-dir "
                + given.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
