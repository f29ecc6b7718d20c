package forecastfarm.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlotFileNamesTest {
    @Test
    void keepsSafeIdsAndHashesChangedOnes() {
        PlotFileNames names = new PlotFileNames();
        assertEquals("AAPL.png", names.next("AAPL"));
        assertEquals("M3_N1234.png", names.next("M3_N1234"));
        assertEquals("a_b_c-0af99a60.png", names.next("a/b c"), "sha256(\"a/b c\") starts 0af99a60");
        assertTrue(names.next("../../etc/passwd").matches("_etc_passwd-[0-9a-f]{8}\\.png"));
        assertTrue(names.next("").matches("series-[0-9a-f]{8}\\.png"));
        assertTrue(names.next("CON").matches("CON-[0-9a-f]{8}\\.png"));
        assertTrue(names.next("x".repeat(500)).length() <= PlotFileNames.MAX_BASE + 9 + 4);
    }

    @Test
    void namesAreUniqueEvenCaseInsensitivelyAndForIdsThatSanitiseAlike() {
        List<String> ids = List.of(
                "aapl",
                "AAPL",
                "Aapl",
                "a/b",
                "a b",
                "a:b",
                "a_b",
                "a?b",
                "ünï",
                "üni",
                "ùni",
                "日本",
                "中国",
                "é",
                "e",
                "a_b-" + PlotFileNames.shortHash("a/b"),
                ".hidden",
                "_hidden",
                "dot.");
        PlotFileNames names = new PlotFileNames();
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            String name = names.next(id);
            assertTrue(seen.add(name.toLowerCase(Locale.ROOT)), "duplicate " + name + " for " + id);
            assertTrue(name.matches("[A-Za-z0-9_][A-Za-z0-9._-]*\\.png"), name);
            assertFalse(name.contains(".."), name);
        }
    }

    @Test
    void isDeterministic() {
        PlotFileNames a = new PlotFileNames();
        PlotFileNames b = new PlotFileNames();
        for (String id : List.of("x", "X", "a/b", "a b")) {
            assertEquals(a.next(id), b.next(id));
        }
    }
}
