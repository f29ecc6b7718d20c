package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.FarmDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FarmLockTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondLauncherIsToldWhichPidHoldsTheFarmDirAndWhatToDo() throws Exception {
        final FarmDirectory farm = new FarmDirectory(tmp.resolve("farm"));
        try (FarmLock first = FarmLock.acquire(farm)) {
            assertTrue(first.freshFarmDir());
            final long pid = ProcessHandle.current().pid();
            assertEquals(Long.toString(pid), Files.readString(farm.launcherLockFile()));
            final FarmException busy = assertThrows(FarmException.class, () -> FarmLock.acquire(farm));
            assertEquals(
                    "farm dir " + farm.root() + " is busy: launcher pid " + pid + " is running there; wait for it to"
                            + " finish (scripts/farm inspect --farm-dir " + farm.root() + " shows its progress), or use"
                            + " another --farm-dir",
                    busy.getMessage());
        }
        try (FarmLock again = FarmLock.acquire(farm)) {
            assertTrue(!again.freshFarmDir(), "the farm dir existed");
        }
    }
}
