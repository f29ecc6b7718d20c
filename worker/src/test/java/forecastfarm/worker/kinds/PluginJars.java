package forecastfarm.worker.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import forecastfarm.api.TaskKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds users' task jars in tests: compiles the sources against the task API's classes alone (as a plugin is built
 * against the task-api jar) and packs them with a service file naming the kinds.
 */
public final class PluginJars {
    private PluginJars() {}

    /**
     * @param sources   class name to source text.
     * @param kindClasses the classes to list in META-INF/services/forecastfarm.api.TaskKind (none: no service file).
     */
    public static Path build(
            final Path dir, final String jarName, final Map<String, String> sources, final List<String> kindClasses)
            throws IOException {
        final Path src = Files.createDirectories(dir.resolve(jarName + "-src"));
        final Path classes = Files.createDirectories(dir.resolve(jarName + "-classes"));
        final List<String> command = new ArrayList<>(
                List.of("-d", classes.toString(), "-cp", apiClasspath(), "--release", "17", "-proc:none"));
        for (final Map.Entry<String, String> source : sources.entrySet()) {
            final Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            command.add(file.toString());
        }
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final ByteArrayOutputStream messages = new ByteArrayOutputStream();
        final int rc = javac.run(null, messages, messages, command.toArray(String[]::new));
        assertEquals(0, rc, () -> "javac: " + messages.toString(StandardCharsets.UTF_8));
        final Path jar = dir.resolve(jarName + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (final Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            if (!kindClasses.isEmpty()) {
                put(
                        out,
                        "META-INF/services/" + TaskKind.class.getName(),
                        (String.join("\n", kindClasses) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void put(final JarOutputStream out, final String name, final byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /** Where forecastfarm.api's classes are: shared's classes directory or jar. */
    private static String apiClasspath() {
        try {
            return Path.of(TaskKind.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (final java.net.URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A stream that keeps what is printed, for a main's stdout and stderr. */
    public static final class Captured {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        public final PrintStream stream = new PrintStream((OutputStream) bytes, true, StandardCharsets.UTF_8);

        public String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
