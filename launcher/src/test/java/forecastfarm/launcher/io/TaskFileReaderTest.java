package forecastfarm.launcher.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.io.TaskFileReader.TaskLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFileReaderTest {
    @TempDir
    Path tmp;

    private final List<TaskLine> tasks = new ArrayList<>();
    private final List<InputProblem> problems = new ArrayList<>();

    private void read(final String name, final String text) throws Exception {
        final Path file = tmp.resolve(name);
        Files.writeString(file, text);
        TaskFileReader.read(file, tasks::add, problems::add);
    }

    @Test
    void jsonLinesGiveEveryGoodTaskAndNameTheLineOfEachBadOne() throws Exception {
        read("tasks.jsonl", """
                {"key": "a", "args": {"y": [1, 2, 3], "horizon": 2}}

                not json
                {"args": {}}
                {"key": "b", "args": [1]}
                {"key": "a", "args": {}}
                {"key": "c", "args": {"name": "x"}} trailing
                {"key": "d", "args": {}}
                """);
        assertEquals(List.of("a", "d"), tasks.stream().map(TaskLine::key).toList());
        assertEquals(List.of(1L, 8L), tasks.stream().map(TaskLine::line).toList());
        assertEquals(3, tasks.get(0).args().get("y").size());
        assertEquals(
                List.of(3L, 4L, 5L, 6L, 7L),
                problems.stream().map(InputProblem::line).toList());
        assertTrue(
                problems.get(0).message().startsWith("line 3: not a JSON object"),
                problems.get(0).message());
        assertNull(problems.get(1).seriesId(), "no key");
        assertTrue(problems.get(2).message().contains("\"args\" of task b is not a JSON object"));
        assertTrue(
                problems.get(3).message().contains("key a repeats line 1"),
                problems.get(3).message());
        assertTrue(problems.get(4).message().startsWith("line 7: not a JSON object"), "trailing text is refused");
    }

    @Test
    void csvCellsAreJsonNumbersOrStringsAndEmptyCellsAreLeftOut() throws Exception {
        read("tasks.csv", """
                key,y,horizon,name,models
                s1,"[1,2,3]",4,plain text,"[""ets"",""theta""]"
                s2,"{""a"": 1}",-2.5e1,,ets
                s3,"[1,2",1,x,y
                ,[1],1,x,y
                s1,[1],1,x,y
                s4,[1],1
                """);
        assertEquals(List.of("s1", "s2"), tasks.stream().map(TaskLine::key).toList());
        final var first = tasks.get(0).args();
        assertTrue(first.get("y").isArray());
        assertEquals(4, first.get("horizon").asInt());
        assertTrue(first.get("horizon").isNumber());
        assertEquals("plain text", first.get("name").asText());
        assertEquals("theta", first.get("models").get(1).asText());
        final var second = tasks.get(1).args();
        assertTrue(second.get("y").isObject());
        assertEquals(-25.0, second.get("horizon").asDouble());
        assertTrue(!second.has("name"), "an empty cell is left out");
        assertEquals("ets", second.get("models").asText());
        assertEquals(
                List.of(4L, 5L, 6L, 7L),
                problems.stream().map(InputProblem::line).toList());
        assertTrue(problems.get(0).message().contains("column y of task s3 is not valid JSON"));
        assertTrue(problems.get(1).message().contains("no key"));
        assertTrue(problems.get(2).message().contains("key s1 repeats line 2"));
        assertTrue(problems.get(3).message().contains("has 3 cells; the header has 5"));
    }

    @Test
    void aCsvWithoutAKeyColumnOrAMissingFileIsRefusedWhole() throws Exception {
        final InputException noKey = assertThrows(InputException.class, () -> read("t.csv", "id,y\na,1\n"));
        assertTrue(noKey.getMessage().contains("has no 'key' column"), noKey.getMessage());
        final InputException missing = assertThrows(
                InputException.class, () -> TaskFileReader.read(tmp.resolve("none.jsonl"), tasks::add, problems::add));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
