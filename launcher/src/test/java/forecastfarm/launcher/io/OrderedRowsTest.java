package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderedRowsTest {
    @TempDir
    Path dir;

    private final List<String> written = new ArrayList<>();

    private OrderedRows rows(final long budgetBytes) {
        return new OrderedRows(dir, "forecasts.csv", budgetBytes, fields -> written.add(String.join(",", fields)));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void inOrderRowsPassStraightThroughAsTheirKeysAreReleased() throws IOException {
        final OrderedRows rows = rows(1 << 20);
        rows.add(1, new String[] {"b", "1"});
        rows.add(0, new String[] {"a", "1"});
        rows.add(0, new String[] {"a", "2"});
        rows.release(1);
        assertEquals(List.of("a,1", "a,2"), written, "only key 0 is released");
        rows.add(2, new String[] {"c", "1"});
        rows.release(3);
        assertEquals(List.of("a,1", "a,2", "b,1", "c,1"), written);
        rows.finish();
        assertEquals(0, rows.spilledRows());
        assertEquals(List.of(), files());
    }

    @Test
    void shuffledRowsComeOutInKeyOrderThroughSpilledRunsKeepingArrivalOrderWithinAKey() throws IOException {
        final List<Long> keys = new ArrayList<>();
        for (long k = 0; k < 2000; k++) {
            keys.add(k);
        }
        Collections.shuffle(keys, new Random(11));
        final OrderedRows rows = rows(4096); // a few dozen rows per run
        final java.util.TreeSet<Long> missing = new java.util.TreeSet<>(keys);
        for (final long key : keys) {
            for (int step = 1; step <= 3; step++) {
                rows.add(key, new String[] {"s" + key, Integer.toString(step)});
            }
            missing.remove(key);
            rows.release(missing.isEmpty() ? Long.MAX_VALUE : missing.first());
        }
        rows.finish();
        assertTrue(rows.spilledRows() > 1000, "spilled " + rows.spilledRows());
        final List<String> expected = new ArrayList<>();
        for (long k = 0; k < 2000; k++) {
            for (int step = 1; step <= 3; step++) {
                expected.add("s" + k + "," + step);
            }
        }
        assertEquals(expected, written);
        assertEquals(List.of(), files(), "runs are deleted");
    }

    @Test
    void rowsOfOneKeySplitAcrossRunsStayInArrivalOrderAndUnknownPositionsGoLast() throws IOException {
        final OrderedRows rows = rows(200);
        rows.add(Long.MAX_VALUE, new String[] {"stray"});
        for (int i = 0; i < 20; i++) {
            rows.add(5, new String[] {"five", Integer.toString(i)});
            rows.add(3, new String[] {"three", Integer.toString(i)});
        }
        rows.finish();
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("three," + i);
        }
        for (int i = 0; i < 20; i++) {
            expected.add("five," + i);
        }
        expected.add("stray");
        assertEquals(expected, written);
    }

    @Test
    void aRowForAReleasedKeyIsAnError() throws IOException {
        final OrderedRows rows = rows(1 << 20);
        rows.release(4);
        final IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> rows.add(3, new String[] {"late"}));
        assertEquals("forecasts.csv: a row for key 3 came after key 4 was released", e.getMessage());
    }

    @Test
    void abortDeletesTheRuns() throws IOException {
        final OrderedRows rows = rows(64);
        for (int i = 0; i < 10; i++) {
            rows.add(10 - i, new String[] {"x" + i});
        }
        assertTrue(!files().isEmpty());
        rows.abort();
        assertEquals(List.of(), files());
        assertEquals(List.of(), written);
    }

    @Test
    void carryOverLaysEarlierRowsOutInThisRunsColumnsAndRefusesOthers() throws IOException {
        final Path earlier = dir.resolve("forecasts.csv");
        Files.writeString(
                earlier,
                "unique_id,ds,step,model,forecast,lo-80,hi-80\nA,1,1,naive,5,4,6\nB,1,1,naive,7,6,8\nC,1,1,naive,9,8,10\n");
        final List<String> header = new ForecastTable(ForecastTable.Shape.LONG, new double[] {80}, List.of()).header();
        final List<String> copied = new ArrayList<>();
        final long n = CarryOver.copy(
                earlier, header, Map.of("C", 0L, "A", 2L), (key, f) -> copied.add(key + ":" + String.join(",", f)));
        assertEquals(2, n);
        assertEquals(List.of("2:A,1,1,naive,5,4,6,", "0:C,1,1,naive,9,8,10,"), copied, "model_spec left empty");

        final List<String> wide =
                new ForecastTable(ForecastTable.Shape.WIDE, new double[] {80}, List.of("naive")).header();
        final InputException e = assertThrows(
                InputException.class, () -> CarryOver.copy(earlier, wide, Map.of("A", 0L), (key, f) -> {}));
        assertEquals(
                "cannot keep the earlier rows of " + earlier + " (--resume): its columns "
                        + "(unique_id,ds,step,model,forecast,lo-80,hi-80) are not the ones this run writes "
                        + "(unique_id,ds,naive,naive-lo-80,naive-hi-80); rerun with the earlier run's --level, "
                        + "--model and --output-shape, or choose another --out",
                e.getMessage());
    }
}
