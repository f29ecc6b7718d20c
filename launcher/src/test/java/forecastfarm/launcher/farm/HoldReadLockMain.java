package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Plays a reader killed inside a map iteration: opens the farm's current results map, starts iterating it and halts
 * inside the first entry, leaving that segment's lock held in the mapped file exactly as a kill -9 mid-iteration
 * would. (Measured: the launcher's puts to that segment then spin for 60 s and fail; reads still work.)
 * Argument: FARM_DIR.
 */
public final class HoldReadLockMain {
    private HoldReadLockMain() {}

    public static void main(final String[] args) throws Exception {
        final FarmDirectory farm = new FarmDirectory(Path.of(args[0]));
        final int generation = ResultStore.latestGeneration(farm);
        final ChronicleMap<CharSequence, byte[]> map = ResultStore.builder(new MapSizing(1024, 16, 256))
                .createPersistedTo(farm.resultsMapFile(generation).toFile());
        map.forEachEntry(entry -> {
            System.out.println(
                    "LOCKED generation " + generation + " at " + entry.key().get());
            System.out.flush();
            Runtime.getRuntime().halt(9);
        });
    }
}
