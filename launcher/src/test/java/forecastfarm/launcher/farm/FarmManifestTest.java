package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FarmManifestTest {

    private static final MapSizing FIRST = new MapSizing(2_000, 12, 900);
    private static final MapSizing OTHER = new MapSizing(50_000, 30, 4_000);

    @TempDir
    Path dir;

    private FarmDirectory farm;

    @BeforeEach
    void farm() {
        farm = new FarmDirectory(dir.resolve("farm")).createDirectories();
    }

    @Test
    void firstRunStoresTheSizing() throws IOException {
        assertSame(FIRST, FarmManifest.checkOrWrite(farm, "job=forecast;input=a.csv", FIRST));
        assertTrue(Files.exists(farm.manifestFile()));
        assertFalse(Files.exists(farm.root().resolve("farm.properties.tmp")));
        assertEquals(FarmDirectory.FILE_PERMISSIONS, Files.getPosixFilePermissions(farm.manifestFile()));
    }

    @Test
    void sameJobAgainGetsTheStoredSizing() {
        String job = "job=forecast;input=a.csv;h=12 ✓";
        FarmManifest.checkOrWrite(farm, job, FIRST);
        assertEquals(FIRST, FarmManifest.checkOrWrite(farm, job, OTHER), "the map was sized once: keep that");
        assertEquals(FIRST, FarmManifest.checkOrWrite(farm, job, OTHER));
    }

    @Test
    void anotherJobIsRefusedNamingTheFarmDir() {
        FarmManifest.checkOrWrite(farm, "job-a", FIRST);
        FarmException ex = assertThrows(FarmException.class, () -> FarmManifest.checkOrWrite(farm, "job-b", FIRST));
        assertTrue(ex.getMessage().contains(farm.root().toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("job-a"), "names the job it holds: " + ex.getMessage());
        assertEquals(FIRST, FarmManifest.checkOrWrite(farm, "job-a", OTHER), "the refusal changed nothing");
    }

    @Test
    void aBrokenManifestIsAFarmExceptionNamingTheFile() throws IOException {
        Files.writeString(farm.manifestFile(), "job=job-a\nmap.entries=lots\n");
        FarmException ex = assertThrows(FarmException.class, () -> FarmManifest.checkOrWrite(farm, "job-a", FIRST));
        assertTrue(ex.getMessage().contains(farm.manifestFile().toString()), ex.getMessage());
    }

    @Test
    void aMissingFarmDirIsAFarmException() {
        FarmDirectory missing = new FarmDirectory(dir.resolve("no-such-dir"));
        FarmException ex = assertThrows(FarmException.class, () -> FarmManifest.checkOrWrite(missing, "j", FIRST));
        assertTrue(ex.getMessage().contains("no-such-dir"), ex.getMessage());
    }

    @Test
    void theJobIsClaimedWithItsDescriptionBeforeTheSizingIsKnown() throws IOException {
        java.util.Map<String, String> about = new java.util.LinkedHashMap<>();
        about.put("input", " /data/in put\\x.csv");
        about.put("horizon", "12");
        about.put("models", "ets,comb:ets+theta");
        FarmManifest.claim(farm, "job-a", about);
        assertEquals(about, FarmManifest.description(farm), "in order, and read back as written");
        assertEquals(FarmDirectory.FILE_PERMISSIONS, Files.getPosixFilePermissions(farm.manifestFile()));
        assertTrue(Files.readString(farm.manifestFile()).contains("about.horizon=12\n"), "readable by a person");

        assertSame(FIRST, FarmManifest.checkOrWrite(farm, "job-a", FIRST), "no sizing stored yet: this one");
        assertEquals(about, FarmManifest.description(farm), "kept with the sizing");
        FarmManifest.claim(farm, "job-a", java.util.Map.of("horizon", "12"));
        assertEquals(FIRST, FarmManifest.checkOrWrite(farm, "job-a", OTHER), "a rerun keeps the sizing");
        assertEquals(java.util.Map.of("horizon", "12"), FarmManifest.description(farm), "and says what it runs");
        assertThrows(FarmException.class, () -> FarmManifest.claim(farm, "job-b", about));
    }

    @Test
    void aFarmDirWithoutDescriptionShowsItsFingerprint() {
        assertEquals(java.util.Map.of(), FarmManifest.description(farm));
        FarmManifest.checkOrWrite(farm, "forecast h=3", FIRST);
        assertEquals(java.util.Map.of("job", "forecast h=3"), FarmManifest.description(farm));
    }
}
