package forecastfarm.worker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
    record Fit(String method, double[] mean, List<Integer> steps, Object note) {}

    private static String render(Object value) {
        return new String(JsonRenderer.render(value), StandardCharsets.UTF_8);
    }

    @Test
    void scalarsAndNonFiniteNumbers() {
        assertEquals("null", render(null));
        assertEquals("\"a\\\"b\"", render(new StringBuilder("a\"b")));
        assertEquals("true", render(true));
        assertEquals("7", render(7));
        assertEquals("-9007199254740993", render(-9007199254740993L));
        assertEquals("1.5", render(1.5f));
        assertEquals("0.1", render(new BigDecimal("0.1")));
        assertEquals("null", render(Double.NaN));
        assertEquals("[1.0,null,null,-2.5]", render(new double[] {1, Double.POSITIVE_INFINITY, Double.NaN, -2.5}));
    }

    @Test
    void nestedMapsListsArraysAndRecordsKeepTheirOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", new int[] {1, 2});
        inner.put("a", new long[] {3});
        inner.put("m", new boolean[] {true, false});
        inner.put("c", new char[] {'x'});
        inner.put("f", new float[] {Float.NaN, 0.5f});
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("inner", inner);
        outer.put("list", Arrays.asList("s", null, List.of(1, 2.0)));
        outer.put("objects", new Object[] {"o", new double[][] {{1}, {}}});
        outer.put("fit", new Fit("ETS", new double[] {1, Double.NaN}, List.of(1, 2), null));
        assertEquals(
                "{\"inner\":{\"z\":[1,2],\"a\":[3],\"m\":[true,false],\"c\":[\"x\"],\"f\":[null,0.5]},"
                        + "\"list\":[\"s\",null,[1,2.0]],"
                        + "\"objects\":[\"o\",[[1.0],[]]],"
                        + "\"fit\":{\"method\":\"ETS\",\"mean\":[1.0,null],\"steps\":[1,2],\"note\":null}}",
                render(outer));
    }

    @Test
    void anUnrenderableTypeFailsNamingTheTypeAndWhereItIs() {
        Map<String, Object> result =
                Map.of("models", List.of(Map.of("fit", new Fit("x", new double[0], List.of(), new Object()))));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> JsonRenderer.render(result));
        assertTrue(ex.getMessage().contains("java.lang.Object"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("at $.models[0].fit.note"), ex.getMessage());
    }

    @Test
    void aCycleFailsInsteadOfOverflowingTheStack() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> JsonRenderer.render(cycle));
        assertTrue(ex.getMessage().contains("deeper than"), ex.getMessage());
    }

    @Test
    void readingGivesThePlainValuesOfArgs() {
        Object read =
                JsonReader.read("{\"a\": [1, 2.5, \"s\", true, null], \"b\": {}}".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1L, 2.5, "s", true, null));
        expected.put("b", Map.of());
        assertEquals(expected, read);
        IllegalArgumentException dup = assertThrows(
                IllegalArgumentException.class,
                () -> JsonReader.readArgs("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(dup.getMessage().contains("'a'") || dup.getMessage().contains("\"a\""), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonReader.readArgs("[1]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                IllegalArgumentException.class, () -> JsonReader.readArgs("{} {}".getBytes(StandardCharsets.UTF_8)));
    }
}
