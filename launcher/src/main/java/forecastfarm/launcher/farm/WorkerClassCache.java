package forecastfarm.launcher.farm;

import forecastfarm.shared.JvmFlags;
import forecastfarm.shared.WorkerArgs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers' class data sharing archive: the classes a worker loads (Chronicle's, the models'), recorded once by
 * a training run ({@link WorkerArgs#CLASS_CACHE_TRAINING_CLASS}) and mapped by every worker JVM after it, which
 * roughly halves a worker's start. One archive per worker JVM set-up: its name is a hash of the Java runtime, the
 * JVM flags and every classpath entry's path, size and modification time, so a new build, another JDK or an added
 * jar trains a new one. Building it is said on the log with its duration; a failure, or an archive the JVM cannot
 * use, only means slower starts ({@code -Xshare:auto}), never a failed run.
 */
final class WorkerClassCache {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerClassCache.class);
    private static final long TRAINING_TIMEOUT_S = 120;
    private static final int ARCHIVES_KEPT = 4;
    private static final String PREFIX = "worker-";
    private static final String SUFFIX = ".jsa";

    private WorkerClassCache() {}

    /**
     * The worker JVM's command line up to (without) the classpath: java, the farm's flags, the JIT mode, the user's
     * options.
     */
    static List<String> jvm(final FarmContext ctx) {
        final List<String> command = new ArrayList<>();
        command.add(ctx.javaExecutable().toString());
        command.addAll(JvmFlags.forCurrentJvm());
        command.addAll(ctx.workerJit().flags());
        command.addAll(ctx.workerJvmOptions());
        return command;
    }

    /**
     * @return the archive for this set-up, trained now if there is none yet; empty when class data sharing is off,
     *     cannot be used with this classpath (a directory on it) or could not be built.
     */
    static Optional<Path> prepare(final FarmContext ctx) {
        if (ctx.workerCacheDir() == null) {
            return Optional.empty();
        }
        final List<Path> classpath = classpath(ctx.workerClasspath());
        if (classpath.stream().anyMatch(Files::isDirectory)) {
            LOG.debug("no class data sharing for workers: their classpath has a directory ({})", ctx.workerClasspath());
            return Optional.empty();
        }
        final Path archive = ctx.workerCacheDir().resolve(PREFIX + key(jvm(ctx), classpath) + SUFFIX);
        if (Files.isRegularFile(archive)) {
            return Optional.of(archive);
        }
        return train(ctx, archive) ? Optional.of(archive) : Optional.empty();
    }

    private static boolean train(final FarmContext ctx, final Path archive) {
        final long startNs = System.nanoTime();
        LOG.info("building the workers' class cache (once per build, Java and worker classpath): {}", archive);
        final Path tmp = archive.resolveSibling(
                archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(archive.getParent());
            final List<String> command = jvm(ctx);
            command.addAll(List.of(
                    "-XX:ArchiveClassesAtExit=" + tmp,
                    "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off",
                    "-cp",
                    ctx.workerClasspath(),
                    WorkerArgs.CLASS_CACHE_TRAINING_CLASS));
            final Path log = Files.createTempFile("forecast-farm-class-cache", ".log");
            final Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            final boolean exited = process.waitFor(TRAINING_TIMEOUT_S, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            if (!exited || process.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                LOG.warn(
                        "could not build the workers' class cache ({}; see {}): workers start without it",
                        exited ? "exit code " + process.exitValue() : "no answer in " + TRAINING_TIMEOUT_S + " s",
                        log);
                Files.deleteIfExists(tmp);
                return false;
            }
            Files.deleteIfExists(log);
            Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info(
                    "built the workers' class cache in {} s",
                    String.format("%.1f", (System.nanoTime() - startNs) / 1e9));
            pruneOlderArchives(archive.getParent());
            return true;
        } catch (final IOException ex) {
            LOG.warn("could not build the workers' class cache ({}): workers start without it", ex.toString());
            return false;
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Archives of earlier builds are of no further use; keep a few (another JDK, another checkout). */
    private static void pruneOlderArchives(final Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            final List<Path> archives = files.filter(
                            f -> f.getFileName().toString().startsWith(PREFIX))
                    .filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparingLong(WorkerClassCache::modifiedMs)
                            .reversed())
                    .toList();
            for (final Path old : archives.subList(Math.min(ARCHIVES_KEPT, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static long modifiedMs(final Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (final IOException ex) {
            return 0;
        }
    }

    private static List<Path> classpath(final String classpath) {
        return Stream.of(classpath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .toList();
    }

    /**
     * @return a hash of what makes an archive valid: the JVM command line (the Java runtime, resolved to its real
     *     path, with its modules file's size and time) and every classpath entry's path, size and time.
     */
    static String key(final List<String> jvm, final List<Path> classpath) {
        final StringBuilder text = new StringBuilder();
        final Path java = Path.of(jvm.get(0));
        text.append(describe(java)).append('\n');
        describeRuntime(java).ifPresent(runtime -> text.append(runtime).append('\n'));
        jvm.subList(1, jvm.size()).forEach(flag -> text.append(flag).append('\n'));
        withManifestClassPaths(classpath)
                .forEach(entry -> text.append(describe(entry)).append('\n'));
        try {
            final byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The entries and, after each jar, the jars its manifest's {@code Class-Path} names (the worker jar names its
     * libraries so): the JVM checks every one of them against the archive, so a rebuilt library with an unchanged
     * worker jar must give another key.
     */
    static List<Path> withManifestClassPaths(final List<Path> classpath) {
        final List<Path> all = new java.util.ArrayList<>();
        for (final Path entry : classpath) {
            all.add(entry);
            if (Files.isRegularFile(entry)) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry.toFile())) {
                    final java.util.jar.Manifest manifest = jar.getManifest();
                    final String named = manifest == null
                            ? null
                            : manifest.getMainAttributes().getValue(java.util.jar.Attributes.Name.CLASS_PATH);
                    if (named != null) {
                        for (final String relative : named.trim().split("\\s+")) {
                            all.add(entry.toAbsolutePath()
                                    .getParent()
                                    .resolve(relative)
                                    .normalize());
                        }
                    }
                } catch (final IOException notAJar) {
                    // described by its path, size and time alone
                }
            }
        }
        return all;
    }

    /** The runtime image (lib/modules) beside bin/java changes with every JDK update. */
    private static Optional<String> describeRuntime(final Path java) {
        try {
            final Path home = java.toRealPath().getParent().getParent();
            return Optional.of(describe(home.resolve("lib").resolve("modules")));
        } catch (final IOException | NullPointerException ex) {
            return Optional.empty();
        }
    }

    private static String describe(final Path file) {
        try {
            final Path real = file.toRealPath();
            return real + " " + Files.size(real) + " "
                    + Files.getLastModifiedTime(real).toMillis();
        } catch (final IOException ex) {
            return file + " missing";
        }
    }
}
