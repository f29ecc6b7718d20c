package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRegistryTest {
    @TempDir
    Path dir;

    private FarmDirectory farm;

    @BeforeEach
    void farm() {
        farm = new FarmDirectory(dir.resolve("farm")).createDirectories();
    }

    @Test
    void aJobIsRecordedRunningWithItsDescriptionThenWithHowItEnded() throws IOException {
        final Map<String, String> about = new LinkedHashMap<>();
        about.put("input", " /data/in put\\x.csv");
        about.put("horizon", "12");
        about.put("models", "ets,comb:ets+theta");
        final JobSpec spec = JobSpec.ofFingerprint("forecast", "forecast input=a.csv h=12 ✓")
                .withOwner("alice")
                .withPriority(3)
                .withDescription(about);

        JobRegistry.open(farm, spec, 1_000);
        final JobRegistry.Entry running = JobRegistry.read(farm, spec.id()).orElseThrow();
        assertTrue(running.running());
        assertEquals(about, running.description(), "in order, and read back as written");
        assertEquals("alice", running.owner());
        assertEquals(3, running.priority());
        assertEquals(spec.fingerprint(), running.fingerprint());
        assertEquals(FarmDirectory.FILE_PERMISSIONS, Files.getPosixFilePermissions(farm.jobFile(spec.id())));

        final FarmReport report = new FarmReport(10, 7, 2, 1, 0, 0, 0, 2, 5, 5, 0, null, null);
        JobRegistry.ended(farm, spec, JobRegistry.state(report), report, 1_000, 2_000);
        final JobRegistry.Entry ended = JobRegistry.read(farm, spec.id()).orElseThrow();
        assertEquals("done", ended.state());
        assertEquals(2_000, ended.endedMs());
        assertEquals(Map.of("tasks", 10L, "ok", 7L, "failed", 2L, "poisoned", 1L, "resumed", 0L), ended.counts());
        assertEquals(about, ended.description());
    }

    @Test
    void theSameIdWithAnotherFingerprintIsRefusedAndChangesNothing() {
        final JobSpec a = new JobSpec("daily", "cli", 0, "forecast input=a.csv", Map.of());
        JobRegistry.open(farm, a, 1);
        final FarmException ex = assertThrows(
                FarmException.class,
                () -> JobRegistry.open(farm, new JobSpec("daily", "cli", 0, "forecast input=b.csv", Map.of()), 2));
        assertTrue(ex.getMessage().contains("input=a.csv"), "names the job the id holds: " + ex.getMessage());
        assertEquals(1, JobRegistry.read(farm, "daily").orElseThrow().openedMs());
        JobRegistry.open(farm, a, 3);
        assertEquals(3, JobRegistry.read(farm, "daily").orElseThrow().openedMs(), "the same job reopens");
    }

    @Test
    void jobsAreListedOldestFirstAndADeletedJobIsGone() {
        JobRegistry.open(farm, JobSpec.named("b-second"), 20);
        JobRegistry.open(farm, JobSpec.named("a-first"), 10);
        assertEquals(
                List.of("a-first", "b-second"),
                JobRegistry.list(farm).stream().map(JobRegistry.Entry::id).toList());
        JobRegistry.delete(farm, "a-first");
        assertFalse(JobRegistry.read(farm, "a-first").isPresent());
        assertEquals(1, JobRegistry.list(farm).size());
    }

    @Test
    void interruptedAndAbortedJobsSaySo() {
        assertEquals(
                "interrupted", JobRegistry.state(new FarmReport(10, 3, 0, 0, 0, 0, 0, 2, 5, 5, 0, "SIGTERM", null)));
        assertEquals(
                "aborted", JobRegistry.state(new FarmReport(10, 3, 0, 0, 0, 0, 0, 2, 5, 5, 0, null, "crash loop")));
    }

    @Test
    void aBadJobIdIsRefusedNamingTheRule() {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> JobSpec.named("a/b"));
        assertTrue(ex.getMessage().contains("'a/b'"), ex.getMessage());
    }
}
