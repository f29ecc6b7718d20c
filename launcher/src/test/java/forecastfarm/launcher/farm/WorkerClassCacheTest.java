package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What names a workers' class cache: a new build, another Java, other flags or another jar each get their own. */
class WorkerClassCacheTest {
    @TempDir
    Path tmp;

    private final List<String> jvm =
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1");

    /** The worker jar names its libraries in its manifest: a library rebuilt under an unchanged jar is a new key. */
    @Test
    void theKeyFollowsTheJarsAJarsManifestNames() throws Exception {
        final Path lib = Files.createDirectories(tmp.resolve("lib"));
        final Path library = Files.writeString(lib.resolve("shared.jar"), "v1");
        final java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, "lib/shared.jar lib/other.jar");
        final Path worker = tmp.resolve("worker.jar");
        try (java.util.jar.JarOutputStream out =
                new java.util.jar.JarOutputStream(Files.newOutputStream(worker), manifest)) {
            out.putNextEntry(new java.util.jar.JarEntry("x.txt"));
            out.write(1);
        }
        assertEquals(
                List.of(worker, library, lib.resolve("other.jar")),
                WorkerClassCache.withManifestClassPaths(List.of(worker)));
        final String key = WorkerClassCache.key(jvm, List.of(worker));

        Files.writeString(library, "v2 of another size");

        assertNotEquals(key, WorkerClassCache.key(jvm, List.of(worker)), "a rebuilt library");
    }

    @Test
    void theKeyFollowsEveryJarAndFlag() throws Exception {
        final Path a = Files.writeString(tmp.resolve("a.jar"), "a");
        final Path b = Files.writeString(tmp.resolve("b.jar"), "b");
        final String key = WorkerClassCache.key(jvm, List.of(a, b));
        assertEquals(key, WorkerClassCache.key(jvm, List.of(a, b)), "the same set-up, the same archive");
        assertNotEquals(key, WorkerClassCache.key(jvm, List.of(a)), "a jar removed");
        assertNotEquals(key, WorkerClassCache.key(jvm, List.of(a, b, Files.writeString(tmp.resolve("c.jar"), "c"))));
        assertNotEquals(key, WorkerClassCache.key(List.of(jvm.get(0)), List.of(a, b)), "other JVM flags");
        Files.setLastModifiedTime(
                b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis() + 5_000));
        assertNotEquals(key, WorkerClassCache.key(jvm, List.of(a, b)), "a rebuilt jar");
        final String rebuilt = WorkerClassCache.key(jvm, List.of(a, b));
        Files.writeString(b, "bb");
        Files.setLastModifiedTime(
                b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis()));
        assertNotEquals(rebuilt, WorkerClassCache.key(jvm, List.of(a, b)), "a jar of another size");
    }

    @Test
    void noCacheWithoutACacheDirOrWithADirectoryOnTheClasspath() throws Exception {
        final FarmContext off =
                new FarmContext().workerClasspath(tmp.toString()).workerCacheDir(null);
        assertTrue(WorkerClassCache.prepare(off).isEmpty());
        final FarmContext withDir = new FarmContext()
                .workerClasspath(Files.writeString(tmp.resolve("w.jar"), "w") + File.pathSeparator + tmp)
                .workerCacheDir(tmp.resolve("cache"));
        assertTrue(WorkerClassCache.prepare(withDir).isEmpty());
        assertTrue(Files.notExists(tmp.resolve("cache")), "nothing was trained");
    }

    @Test
    void theCacheDirIsTheUsersUnlessSetOrOff() {
        assertEquals(null, FarmContext.defaultWorkerCacheDir("off"));
        assertEquals(Path.of("/x/y"), FarmContext.defaultWorkerCacheDir("/x/y"));
        assertTrue(FarmContext.defaultWorkerCacheDir(null).endsWith("forecast-farm"));
    }
}
