package forecastfarm.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags every farm JVM needs (Chronicle's module exports and opens, analytics off), read from the one
 * place they are kept: {@code forecastfarm/jvm.options} for every Java version and {@code jvm-23.options} for
 * Java 23 and later. Maven's surefire and {@code scripts/common.sh} read the same two files.
 */
public final class JvmFlags {
    static final String BASE_RESOURCE = "/forecastfarm/jvm.options";
    static final String JAVA_23_RESOURCE = "/forecastfarm/jvm-23.options";
    static final String CLASS_CACHE_RESOURCE = "/forecastfarm/class-cache.options";

    private JvmFlags() {}

    /**
     * @return the flags for the Java version this JVM runs, one list element per flag.
     */
    public static List<String> forCurrentJvm() {
        return forJavaFeature(Runtime.version().feature());
    }

    /**
     * @param javaFeatureVersion the Java feature release (17, 21, 25...) of the JVM that will be started.
     * @return the flags for that version.
     */
    public static List<String> forJavaFeature(final int javaFeatureVersion) {
        final List<String> flags = new ArrayList<>(read(BASE_RESOURCE));
        if (javaFeatureVersion >= 23) {
            flags.addAll(read(JAVA_23_RESOURCE));
        }
        return flags;
    }

    /**
     * @param archive a class data sharing archive ({@code -XX:ArchiveClassesAtExit}'s output).
     * @return the flags that map it, from {@code forecastfarm/class-cache.options} (which {@code scripts/common.sh}
     *     reads for the launcher): an archive the JVM cannot use is skipped quietly, never fatal.
     */
    public static List<String> forClassCache(final Path archive) {
        final List<String> flags = new ArrayList<>(read(CLASS_CACHE_RESOURCE));
        flags.add("-XX:SharedArchiveFile=" + archive);
        return flags;
    }

    private static List<String> read(final String resource) {
        try (InputStream in = JvmFlags.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " in the shared jar");
            }
            final List<String> flags = new ArrayList<>();
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                final String flag = line.trim();
                if (!flag.isEmpty() && !flag.startsWith("#")) {
                    flags.add(flag);
                }
            }
            return flags;
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
