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
 * A small {@code .properties} file of the farm dir that a person may read: written whole under a temporary name and
 * renamed into place, owner-only, its entries in the order given (which {@link Properties} would forget).
 */
final class PropertiesFile {
    private PropertiesFile() {}

    /** @return the entries in file order, or null when there is no file. */
    static Map<String, String> read(final Path file) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (final NoSuchFileException ex) {
            return null;
        } catch (final IOException ex) {
            throw new FarmException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        final Properties stored = new Properties();
        try (Reader in = new StringReader(String.join("\n", lines))) {
            stored.load(in);
        } catch (final IOException | IllegalArgumentException ex) {
            throw new FarmException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        final Map<String, String> ordered = new LinkedHashMap<>();
        for (final String line : lines) {
            final int end = line.indexOf('=');
            if (end > 0 && !line.startsWith("#")) {
                final String key = line.substring(0, end).strip();
                final String value = stored.getProperty(key);
                if (value != null) {
                    ordered.put(key, value);
                }
            }
        }
        return ordered;
    }

    static void write(final Path file, final String comment, final Map<String, String> entries) {
        final StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        entries.forEach((key, value) ->
                text.append(key).append('=').append(escape(value)).append('\n'));
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
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
