package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardFilterTest {

    /** Pinned values: the hash is part of the on-disk contract (shards of one job made by different builds). */
    @Test
    void hashIsTheDocumentedFnv1aWithFmix64() {
        assertEquals(0xefd01f60ba992926L, ShardFilter.hash(""));
        assertEquals(0xe25cc1bce9157983L, ShardFilter.hash("MMM"));
        assertEquals(0xfc7a2958f573064fL, ShardFilter.hash("N1234"));
        assertEquals(0x9d55ccb9ba86763bL, ShardFilter.hash("é")); // UTF-8 bytes, not UTF-16 chars
        assertEquals(0x1ffc2d4b7152dd04L, ShardFilter.hash("series-42"));
        assertEquals(3, ShardFilter.shardOf("MMM", 8));
        assertEquals(7, ShardFilter.shardOf("N1234", 8));
        // the sign bit set: the shard is the unsigned remainder, never negative
        assertTrue(ShardFilter.hash("N1234") < 0);
        assertEquals(Long.remainderUnsigned(0xfc7a2958f573064fL, 7), ShardFilter.shardOf("N1234", 7));
    }

    @Test
    void everyIdIsInExactlyOneShardAndShardsAreBalanced() {
        int n = 7;
        int ids = 14_000;
        List<ShardFilter> shards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shards.add(ShardFilter.parse(i + "/" + n));
        }
        int[] sizes = new int[n];
        for (int k = 0; k < ids; k++) {
            String id = "S" + k;
            int owners = 0;
            for (ShardFilter shard : shards) {
                if (shard.contains(id)) {
                    owners++;
                    sizes[shard.index()]++;
                }
            }
            assertEquals(1, owners, id);
        }
        for (int size : sizes) {
            assertTrue(Math.abs(size - ids / n) < ids / n * 0.1, "shard sizes " + java.util.Arrays.toString(sizes));
        }
    }

    @Test
    void theShardOfAnIdDoesNotDependOnTheOtherIds() {
        ShardFilter shard = ShardFilter.parse("2/5");
        assertEquals(shard.contains("AAPL"), ShardFilter.parse("2/5").contains("AAPL"));
        assertEquals(ShardFilter.shardOf("AAPL", 5) == 2, shard.contains("AAPL"));
        assertTrue(ShardFilter.ALL.contains("anything"));
        assertTrue(ShardFilter.parse("0/1").isAll());
    }

    @Test
    void parseRejectsWhatIsNotAShard() {
        assertEquals("3/8", ShardFilter.parse(" 3/8 ").toString());
        for (String bad : List.of("8/8", "-1/4", "1/0", "a/b", "3", "/4", "3/", "1/2/3", "0/1000001", "")) {
            IllegalArgumentException ex =
                    assertThrows(IllegalArgumentException.class, () -> ShardFilter.parse(bad), bad);
            assertTrue(ex.getMessage().contains("--shard"), ex.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShardFilter.parse("4/4"))
                .getMessage()
                .contains("0..3"));
    }

    @Test
    void filtersPassOnlyTheShardsSeriesAndProblems() {
        int n = 3;
        ShardFilter zero = ShardFilter.of(0, n);
        ShardFilter one = ShardFilter.of(1, n);
        String idOfOne = null;
        for (int k = 0; idOfOne == null; k++) {
            if (ShardFilter.shardOf("X" + k, n) == 1) {
                idOfOne = "X" + k;
            }
        }
        List<Series> seen = new ArrayList<>();
        Series series =
                Series.of(idOfOne, new double[] {1, 2}, TimeAxis.of(List.of("1", "2"), idOfOne), 2, List.of("1", "2"));
        zero.series(seen::add).accept(series);
        assertTrue(seen.isEmpty());
        one.series(seen::add).accept(series);
        assertEquals(1, seen.size());

        List<InputProblem> problems = new ArrayList<>();
        InputProblem noSeries = new InputProblem(null, 7, "row 7 has no id");
        zero.problems(problems::add).accept(noSeries);
        one.problems(problems::add).accept(noSeries);
        assertEquals(1, problems.size(), "a problem naming no series goes to shard 0 only");
        one.problems(problems::add).accept(new InputProblem(idOfOne, 3, "bad"));
        zero.problems(problems::add).accept(new InputProblem(idOfOne, 3, "bad"));
        assertEquals(2, problems.size());
    }

    @Test
    void aShardIsPartOfTheJobsIdentity() {
        assertEquals("job x", ShardFilter.ALL.fingerprint("job x"));
        assertEquals("job-abc", ShardFilter.ALL.jobId("job-abc"));
        assertNotEquals(
                ShardFilter.of(0, 2).fingerprint("job x"), ShardFilter.of(1, 2).fingerprint("job x"));
        assertEquals("job-abc-shard-1-of-2", ShardFilter.of(1, 2).jobId("job-abc"));
        assertFalse(ShardFilter.of(1, 2).isAll());
    }
}
