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

class FarmLayoutTest {
    private static final MapSizing FIRST = new MapSizing(2_048, 12, 900);
    private static final MapSizing OTHER = new MapSizing(50_000, 30, 4_000);

    @TempDir
    Path dir;

    private FarmDirectory farm;

    @BeforeEach
    void farm() {
        farm = new FarmDirectory(dir.resolve("farm")).createDirectories();
    }

    @Test
    void aNewFarmDirIsMarkedWithThisLayoutAndTheFirstJobSizesTheMap() throws IOException {
        FarmLayout.claim(farm);
        assertTrue(Files.readString(farm.manifestFile()).contains("layout=2\n"));
        assertEquals(FarmDirectory.FILE_PERMISSIONS, Files.getPosixFilePermissions(farm.manifestFile()));
        assertFalse(Files.exists(farm.root().resolve("farm.properties.tmp")));

        assertSame(FIRST, FarmLayout.sizingOr(farm, FIRST));
        assertEquals(FIRST, FarmLayout.sizingOr(farm, OTHER), "the map was sized once: keep that");
        FarmLayout.writeSizing(farm, OTHER);
        assertEquals(OTHER, FarmLayout.sizingOr(farm, FIRST), "a grown map's sizing is kept");
        FarmLayout.claim(farm);
        assertEquals(OTHER, FarmLayout.sizingOr(farm, FIRST), "claiming again keeps it");
    }

    /** The farm dir of the earlier version (one job, {@code job=} line, no layout) is refused, never misread. */
    @Test
    void aFarmDirOfTheEarlierLayoutIsRefusedSayingWhatToDo() throws IOException {
        final String earlier = "# Forecast Farm: the job this farm dir belongs to\njob=forecast input=a.csv h=12\n"
                + "map.entries=2048\nmap.averageKeyBytes=12\nmap.averageValueBytes=900\n";
        Files.writeString(farm.manifestFile(), earlier);

        final FarmException claim = assertThrows(FarmException.class, () -> FarmLayout.claim(farm));
        final FarmException check = assertThrows(FarmException.class, () -> FarmLayout.check(farm));

        for (final FarmException ex : new FarmException[] {claim, check}) {
            assertTrue(ex.getMessage().contains(farm.root().toString()), ex.getMessage());
            assertTrue(ex.getMessage().contains("earlier version"), ex.getMessage());
            assertTrue(ex.getMessage().contains("use a new --farm-dir"), ex.getMessage());
        }
        assertEquals(earlier, Files.readString(farm.manifestFile()), "the refusal changed nothing");
    }

    @Test
    void aBrokenSizingIsAFarmExceptionNamingTheFile() throws IOException {
        Files.writeString(farm.manifestFile(), "layout=2\nmap.entries=lots\n");
        final FarmException ex = assertThrows(FarmException.class, () -> FarmLayout.sizingOr(farm, FIRST));
        assertTrue(ex.getMessage().contains(farm.manifestFile().toString()), ex.getMessage());
    }

    @Test
    void aMissingFarmDirIsAFarmException() {
        final FarmDirectory missing = new FarmDirectory(dir.resolve("no-such-dir"));
        final FarmException ex = assertThrows(FarmException.class, () -> FarmLayout.claim(missing));
        assertTrue(ex.getMessage().contains("no-such-dir"), ex.getMessage());
    }
}
