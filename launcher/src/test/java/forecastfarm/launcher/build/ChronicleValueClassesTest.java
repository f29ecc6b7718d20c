package forecastfarm.launcher.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.CodeSource;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.ValueModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build put Chronicle Map's native value classes into the launcher's classes, and a map opened in this JVM uses
 * them rather than a class javac made at run time (which has no code source).
 */
class ChronicleValueClassesTest {
    @TempDir
    Path tmp;

    @Test
    void mapsUseTheClassesTheBuildGenerated() throws Exception {
        try (ChronicleMap<CharSequence, byte[]> map = ChronicleMap.of(CharSequence.class, byte[].class)
                .name("probe")
                .entries(10)
                .averageKeySize(8)
                .averageValueSize(64)
                .createPersistedTo(tmp.resolve("probe.cm").toFile())) {
            map.put("key", new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, map.get("key"));
        }
        for (final Class<?> valueInterface : ChronicleValueClasses.NATIVE_VALUES) {
            final Class<?> loaded = Class.forName(valueInterface.getName() + ValueModel.$$NATIVE);
            final CodeSource source = loaded.getProtectionDomain().getCodeSource();
            assertNotNull(source, loaded + " was generated at run time, not loaded from the build's classes");
            assertTrue(
                    source.getLocation().getPath().endsWith("/launcher/target/classes/"),
                    loaded + " came from " + source.getLocation());
        }
    }
}
