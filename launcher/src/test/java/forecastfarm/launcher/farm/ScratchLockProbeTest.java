package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import java.nio.file.Path;
import java.util.concurrent.*;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchLockProbeTest {
    @TempDir Path dir;

    @Test
    void probe() throws Exception {
        FarmDirectory farm = new FarmDirectory(dir).createDirectories();
        MapSizing sizing = MapSizing.forTasks(200, 6, 64);
        ChronicleMap<CharSequence, byte[]> a = ResultStore.builder(sizing).createPersistedTo(farm.resultsMapFile(1).toFile());
        a.put("x", new byte[] {1});
        long inode1 = (Long) java.nio.file.Files.getAttribute(farm.resultsMapFile(1), "unix:ino");
        ChronicleMap<CharSequence, byte[]> b = ResultStore.builder(sizing).createPersistedTo(farm.resultsMapFile(1).toFile());
        long inode2 = (Long) java.nio.file.Files.getAttribute(farm.resultsMapFile(1), "unix:ino");
        System.err.println("inode " + inode1 + " " + inode2 + " b sees x: " + (b.get("x") != null) + " segments " + a.segments() + " " + b.segments());
        ExecutorService ex = Executors.newSingleThreadExecutor();
        for (String mode : new String[] {"read", "update", "write"}) {
            try (ExternalMapQueryContext<CharSequence, byte[], ?> c = b.queryContext("stuck")) {
                switch (mode) {
                    case "read": c.readLock().lock(); break;
                    case "update": c.updateLock().lock(); break;
                    default: c.writeLock().lock();
                }
                Future<?> f = ex.submit(() -> a.put("stuck", new byte[] {2}));
                try {
                    f.get(1, TimeUnit.SECONDS);
                    System.err.println(mode + ": put went through");
                } catch (TimeoutException t) {
                    System.err.println(mode + ": put blocked");
                }
            }
            Thread.sleep(200);
        }
        ex.shutdownNow();
    }
}
