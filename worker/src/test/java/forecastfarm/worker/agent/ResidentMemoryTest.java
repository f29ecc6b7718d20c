package forecastfarm.worker.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.OperatingSystemMXBean;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's resident set size, read from this JVM's own /proc/self/statm. */
class ResidentMemoryTest {
    private static final long MB = 1L << 20;

    @TempDir
    Path dir;

    private static void assumeLinux() {
        assumeTrue(Files.isReadable(ResidentMemory.STATM), "no /proc/self/statm: not Linux");
    }

    @Test
    void thisJvmsResidentSetIsPlausible() {
        assumeLinux();
        final long rss = new ResidentMemory().residentBytes();
        final long machine =
                ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        assertTrue(rss > MB, "a JVM holds more than 1 MB: " + rss);
        assertTrue(rss < machine, "less than the machine's " + machine + " bytes: " + rss);
    }

    @Test
    void agreesWithTheKernelsVmRssSoThePageSizeIsRight() throws IOException {
        assumeLinux();
        final long statm = new ResidentMemory().residentBytes();
        final long vmRss = vmRssBytes();
        // read a moment apart, so not equal; a wrong page size (4096 on a 64 KiB-page kernel) is off 16 times
        assertTrue(statm > vmRss * 0.8 && statm < vmRss * 1.25, "statm " + statm + " bytes, VmRSS " + vmRss + " bytes");
    }

    private static long vmRssBytes() throws IOException {
        for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new AssertionError("no VmRSS in /proc/self/status");
    }

    @Test
    void theResidentFieldTimesThePageSize() throws IOException {
        final Path statm = Files.writeString(dir.resolve("statm"), "2243608 122337 7852 1 0 177841 0\n");
        assertEquals(122_337L * 4096, new ResidentMemory(statm, 4096).residentBytes());
        assertEquals(122_337L * 65_536, new ResidentMemory(statm, 65_536).residentBytes());
    }

    @Test
    void noFileOrAMalformedOneIsUnknown() throws IOException {
        assertEquals(ResidentMemory.UNKNOWN, new ResidentMemory(dir.resolve("none"), 4096).residentBytes());
        final Path oneField = Files.writeString(dir.resolve("one"), "2243608\n");
        assertEquals(ResidentMemory.UNKNOWN, new ResidentMemory(oneField, 4096).residentBytes());
        final Path garbage = Files.writeString(dir.resolve("garbage"), "a b c\n");
        assertEquals(ResidentMemory.UNKNOWN, new ResidentMemory(garbage, 4096).residentBytes());
        assertFalse(new ResidentMemory(garbage, 4096).available());
    }

    @Test
    void aLimitThatCannotBeCheckedIsSaidOnceAndDropped() {
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        final ResidentMemory absent = new ResidentMemory(dir.resolve("none"), 4096);
        assertEquals(Long.MAX_VALUE, absent.checkableLimit(100 * MB, out));
        final String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("--max-worker-rss-mb") && said.contains("not checked"), said);
        assertEquals(1, said.lines().count(), said);
        log.reset();
        assertEquals(Long.MAX_VALUE, absent.checkableLimit(Long.MAX_VALUE, out));
        assertEquals("", log.toString(StandardCharsets.UTF_8), "no limit asked for: nothing to say");
    }

    @Test
    void aLimitThatCanBeCheckedIsKeptSilently() throws IOException {
        final Path statm = Files.writeString(dir.resolve("statm"), "10 5 1 1 0 4 0\n");
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(
                100 * MB,
                new ResidentMemory(statm, 4096)
                        .checkableLimit(100 * MB, new PrintStream(log, true, StandardCharsets.UTF_8)));
        assertEquals("", log.toString(StandardCharsets.UTF_8));
    }
}
