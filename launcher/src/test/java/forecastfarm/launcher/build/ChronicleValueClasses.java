package forecastfarm.launcher.build;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import net.openhft.chronicle.hash.VanillaGlobalMutableState;
import net.openhft.chronicle.values.ValueModel;

/**
 * Build step (run by the launcher's pom after test-compile): writes the class that Chronicle Values would otherwise
 * generate and compile with javac inside every JVM that opens a Chronicle Map, into {@code target/classes}, so the
 * launcher jar carries it. Chronicle Values loads {@code <interface>$$Native} from the class loader before it
 * generates one; measured here, the in-JVM generation took 1.3-3 s of every launcher start and every
 * {@code inspect --id}. The class is generated from the Chronicle Values version on the build's classpath, so it can
 * never be out of step with it; if it is missing (a build that skipped test compilation), the map still works, only
 * slower to open.
 *
 * <p>Usage: {@code ChronicleValueClasses OUTPUT_DIR}.
 */
public final class ChronicleValueClasses {
    /** The value interfaces Chronicle Map instantiates natively when it creates or opens a map. */
    static final List<Class<?>> NATIVE_VALUES = List.of(VanillaGlobalMutableState.class);

    private ChronicleValueClasses() {}

    public static void main(final String[] args) throws Exception {
        final Path out = Path.of(args[0]);
        for (final Class<?> valueInterface : NATIVE_VALUES) {
            final String simpleName = valueInterface.getSimpleName() + ValueModel.$$NATIVE;
            final String source = nativeSource(valueInterface, simpleName);
            compile(valueInterface.getPackageName() + "." + simpleName, source, out);
            System.out.println("generated " + valueInterface.getName() + ValueModel.$$NATIVE + " into " + out);
        }
    }

    /** The source Chronicle Values' own generator writes for the interface (its generator is package-private). */
    private static String nativeSource(final Class<?> valueInterface, final String simpleName) throws Exception {
        final Class<?> generators = Class.forName("net.openhft.chronicle.values.Generators");
        final Method generate = generators.getDeclaredMethod("generateNativeClass", ValueModel.class, String.class);
        generate.setAccessible(true);
        return (String) generate.invoke(null, ValueModel.acquire(valueInterface), simpleName);
    }

    private static void compile(final String className, final String source, final Path out) throws IOException {
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final JavaFileObject file =
                new SimpleJavaFileObject(
                        URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(final boolean ignoreEncodingErrors) {
                        return source;
                    }
                };
        Files.createDirectories(out);
        final StringWriter errors = new StringWriter();
        final List<String> options = List.of(
                "-d",
                out.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                "--release",
                "17",
                "-nowarn");
        if (!javac.getTask(errors, null, null, options, null, List.of(file)).call()) {
            throw new IllegalStateException("cannot compile " + className + ":\n" + errors + "\n" + source);
        }
    }
}
