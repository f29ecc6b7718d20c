package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code results/results-G.keys}: every key ever put into generation G of the results map, one per line (a key's
 * backslash, newline and carriage return escaped), appended by the map's writer thread after each batch.
 *
 * <p>Why it exists: moving the map to a new generation must not iterate the old one, because a reader killed inside
 * an iteration leaves a segment's lock held, and an iteration waits on it; point reads do not. Nor may the launcher
 * keep every key on its heap, which would grow with every task a long-running farm ever ran. So the keys live here,
 * on disk; a key listed whose entry is gone (a deleted job) is skipped when read back, and dropped at the next move.
 */
final class KeyJournal implements AutoCloseable {
    private final Path file;
    private final BufferedWriter out;

    private KeyJournal(final Path file, final BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    static Path file(final FarmDirectory farm, final int generation) {
        return farm.resultsDir().resolve("results-" + generation + ".keys");
    }

    /** Opens the journal for appending, creating it (owner-only) if needed. */
    static KeyJournal append(final Path file) {
        return new KeyJournal(file, FarmDirectory.appendOwnerOnly(file));
    }

    /** Writes a new journal holding exactly these keys. */
    static void rewrite(final Path file, final Iterable<String> keys) {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + tmp + ": " + ex.getMessage(), ex);
        }
        try (KeyJournal journal = append(tmp)) {
            keys.forEach(journal::add);
        }
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the keys listed, each once, in the order first listed; empty when there is no journal. A last line cut
     *     short by a killed launcher is read as far as it goes (its entry, if any, is looked up and skipped if absent).
     */
    static Set<String> read(final Path file) {
        final Set<String> keys = new LinkedHashSet<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                keys.add(unescape(line));
            }
        } catch (final NoSuchFileException ex) {
            return keys;
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        return keys;
    }

    void add(final String key) {
        try {
            out.write(escape(key));
            out.write('\n');
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    static String escape(final String key) {
        if (key.indexOf('\\') < 0 && key.indexOf('\n') < 0 && key.indexOf('\r') < 0) {
            return key;
        }
        return key.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(final String line) {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        final StringBuilder key = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            final char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                final char next = line.charAt(++i);
                key.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }
}
