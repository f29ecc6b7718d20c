package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@link EntryWeights}: which entries outgrow a map's sizing, and the sizing to move to. */
class EntryWeightsTest {
    private static final MapSizing SIZING = new MapSizing(1_024, 10, 200);

    @Test
    void entriesUpToTwiceTheSizingsWeightFit() {
        final EntryWeights weights = new EntryWeights();
        for (int i = 0; i < 100; i++) {
            // keys three times as long as said, values half again as big: 330 bytes an entry against 210
            weights.add("k".repeat(30), new byte[300]);
        }
        assertNull(weights.outgrown(SIZING));
    }

    @Test
    void heavierEntriesGetASizingForTheirMeansWithHeadRoom() {
        final EntryWeights weights = new EntryWeights();
        for (int i = 0; i < EntryWeights.MIN_PUTS - 1; i++) {
            weights.add("key-" + i % 10, new byte[2_000]);
        }
        assertNull(weights.outgrown(SIZING), "too few puts to judge");
        weights.add("key-0", new byte[2_000]);
        assertEquals(new MapSizing(1_024, 10, 3_000), weights.outgrown(SIZING));
        weights.reset();
        assertNull(weights.outgrown(SIZING), "counts start again after a resize");
    }
}
