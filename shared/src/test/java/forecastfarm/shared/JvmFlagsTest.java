package forecastfarm.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmFlagsTest {

    @Test
    void baseFlagsDisableAnalyticsAndOpenJavaLang() {
        List<String> flags = JvmFlags.forJavaFeature(17);
        assertTrue(flags.contains("-Dchronicle.analytics.disable=true"), flags.toString());
        assertTrue(flags.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), flags.toString());
    }

    @Test
    void java17HasNoNativeAccessFlag() {
        List<String> flags = JvmFlags.forJavaFeature(17);
        assertTrue(flags.stream().noneMatch(f -> f.startsWith("--enable-native-access")), flags.toString());
        assertEquals(flags, JvmFlags.forJavaFeature(22), "the Java 23 flags must not apply below 23");
    }

    @Test
    void java23AddsNativeAccessOnTopOfTheBaseFlags() {
        List<String> base = JvmFlags.forJavaFeature(17);
        List<String> flags = JvmFlags.forJavaFeature(23);
        assertTrue(flags.contains("--enable-native-access=ALL-UNNAMED"), flags.toString());
        assertTrue(flags.containsAll(base));
        assertTrue(flags.size() > base.size());
        assertEquals(flags, JvmFlags.forJavaFeature(25));
    }

    @Test
    void flagsAreTrimmedWithNoBlanksOrComments() {
        for (String flag : JvmFlags.forJavaFeature(25)) {
            assertFalse(flag.isBlank(), "blank flag");
            assertFalse(flag.startsWith("#"), flag);
            assertEquals(flag.trim(), flag);
            assertTrue(flag.startsWith("-"), flag);
        }
    }

    @Test
    void currentJvmMatchesItsFeatureVersion() {
        assertEquals(JvmFlags.forJavaFeature(Runtime.version().feature()), JvmFlags.forCurrentJvm());
    }

    @Test
    void aClassCacheIsMappedOnlyWhenUsableAndQuietly() {
        List<String> flags = JvmFlags.forClassCache(java.nio.file.Path.of("/cache/worker-1.jsa"));
        assertEquals("-XX:SharedArchiveFile=/cache/worker-1.jsa", flags.get(flags.size() - 1));
        assertTrue(flags.contains("-Xshare:auto"), flags.toString());
        assertTrue(flags.contains("-Xlog:cds=off"), flags.toString());
        assertTrue(flags.stream().noneMatch(f -> f.startsWith("#") || f.isBlank()), flags.toString());
    }
}
