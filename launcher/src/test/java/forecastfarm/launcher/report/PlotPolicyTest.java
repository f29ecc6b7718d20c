package forecastfarm.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlotPolicyTest {
    @Test
    void parsesTheFourForms() {
        assertEquals(PlotPolicy.NONE, PlotPolicy.parse("none"));
        assertEquals(PlotPolicy.FAILED, PlotPolicy.parse(" Failed "));
        assertEquals(PlotPolicy.ALL, PlotPolicy.parse("ALL"));
        assertEquals(PlotPolicy.firstN(50), PlotPolicy.parse("50"));
        assertEquals(PlotPolicy.NONE, PlotPolicy.parse("0"));
        assertEquals(PlotPolicy.DEFAULT, PlotPolicy.parse(PlotPolicy.DEFAULT.toString()));
        assertEquals("200", PlotPolicy.DEFAULT.toString());
    }

    @Test
    void rejectsOtherValuesNamingTheValueAndTheAllowedForms() {
        for (String bad : new String[] {"", "some", "-1", "1.5", "1e3", "99999999999", "all,failed"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlotPolicy.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("none, failed, all or a number"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PlotPolicy.parse(null));
    }

    @Test
    void selectsSeries() {
        PlotPolicy first2 = PlotPolicy.parse("2");
        assertTrue(first2.shouldPlot(0, false));
        assertTrue(first2.shouldPlot(1, true));
        assertFalse(first2.shouldPlot(2, false));
        assertFalse(PlotPolicy.NONE.shouldPlot(0, true));
        assertTrue(PlotPolicy.FAILED.shouldPlot(10_000, true));
        assertFalse(PlotPolicy.FAILED.shouldPlot(0, false));
        assertTrue(PlotPolicy.ALL.shouldPlot(1_000_000, false));
    }
}
