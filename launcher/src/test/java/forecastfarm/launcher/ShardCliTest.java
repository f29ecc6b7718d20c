package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmTestSupport;
import forecastfarm.launcher.io.ShardFilter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm forecast --shard} and {@code farm merge} through the command line. Only the empty shard starts worker
 * processes (they start ahead of the input check) and must stop them and leave no farm dir.
 */
class ShardCliTest {
    @TempDir
    Path tmp;

    @Test
    void anInvalidShardIsABadOption() throws Exception {
        final Path input = Files.writeString(tmp.resolve("in.csv"), "unique_id,ds,y\nA,1,1\nA,2,2\n");
        final PrintStream err = System.err;
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            assertEquals(
                    ExitCodes.USAGE,
                    FarmCli.execute(
                            new String[] {
                                "forecast",
                                "--input",
                                input.toString(),
                                "--horizon",
                                "2",
                                "--shard",
                                "4/4",
                                "--out",
                                tmp.resolve("out").toString()
                            },
                            System.out));
        } finally {
            System.setErr(err);
        }
        assertTrue(errors.toString().contains("invalid --shard 4/4"), errors.toString());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    @Tag("process")
    void aShardWithNoSeriesWritesEmptyOutputsAndSucceeds() throws Exception {
        System.setProperty(FarmContext.WORKER_CLASSPATH_PROP, FarmTestSupport.workerClasspath());
        final int other = 1 - ShardFilter.shardOf("A", 2);
        final Path input = Files.writeString(tmp.resolve("in.csv"), "unique_id,ds,y\nA,1,1\nA,2,2\nA,3,3\n");
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        assertEquals(
                ExitCodes.OK,
                FarmCli.execute(
                        new String[] {
                            "forecast",
                            "--input",
                            input.toString(),
                            "--horizon",
                            "2",
                            "--shard",
                            other + "/2",
                            "--out",
                            out.toString(),
                            "--farm-dir",
                            tmp.resolve("farm").toString()
                        },
                        new PrintStream(console, true, StandardCharsets.UTF_8)));
        assertTrue(console.toString().contains("holds no series"), console.toString());
        assertEquals(1, Files.readAllLines(out.resolve("forecasts.csv")).size());
        assertEquals(1, Files.readAllLines(out.resolve("failed.csv")).size());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"shard\": \"" + other + "/2\""));
        assertFalse(Files.exists(tmp.resolve("farm")), "the empty shard's farm dir was not removed");
    }

    @Test
    void mergeOfADirWithoutShardsNeedsTheCount() throws Exception {
        final PrintStream err = System.err;
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            assertEquals(ExitCodes.USAGE, FarmCli.execute(new String[] {"merge", tmp.toString()}, System.out));
            assertEquals(
                    ExitCodes.SHARDS_INCOMPLETE,
                    FarmCli.execute(new String[] {"merge", tmp.toString(), "--shards", "2"}, System.out));
        } finally {
            System.setErr(err);
        }
        assertTrue(errors.toString().contains("give --shards N"), errors.toString());
        assertTrue(Files.readString(tmp.resolve("summary.json")).contains("\"complete\": false"));
    }
}
