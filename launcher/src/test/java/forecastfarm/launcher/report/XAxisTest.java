package forecastfarm.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Date;
import org.junit.jupiter.api.Test;

class XAxisTest {
    private static final long DAY = 86_400_000L;

    @Test
    void datesMonthsAndDatetimesMakeATimeAxisInUtc() {
        XAxis days = XAxis.of(new String[] {"2024-01-30", "2024-01-31"}, 2, new String[] {"2024-02-01"}, 1);
        assertEquals(XAxis.Kind.TIME, days.kind);
        assertEquals(new Date(LocalDate.of(2024, 2, 1).toEpochDay() * DAY), days.futureX.get(0));
        assertEquals(
                XAxis.Kind.TIME, XAxis.of(new String[] {"2024-01", "2024-02"}, 2, new String[] {"2024-03"}, 1).kind);
        XAxis hours = XAxis.of(
                new String[] {"2024-03-01 00:00", "2024-03-01T01:00:00"}, 2, new String[] {"2024-03-01T02:00:00Z"}, 1);
        assertEquals(XAxis.Kind.TIME, hours.kind);
        assertEquals(((Date) hours.historyX.get(1)).getTime() + 3_600_000L, ((Date) hours.futureX.get(0)).getTime());
        assertEquals(
                (double) LocalDate.of(2024, 2, 1).toEpochDay() * DAY, XAxis.epochMillis("2024-02-01T02:00:00+02:00"));
        assertEquals(XAxis.epochMillis("2024-02-01T02:00+0200"), XAxis.epochMillis("2024-02-01T00:00:00Z"));
    }

    @Test
    void integersMakeANumberAxisLabelledWithoutSeparators() {
        XAxis years = XAxis.of(new String[] {"1999", "2000"}, 2, new String[] {"2001", "2002"}, 2);
        assertEquals(XAxis.Kind.NUMBER, years.kind);
        assertEquals(2002.0, years.futureX.get(1));
        assertEquals("2001", years.tickLabels.apply(2001.0));
        assertEquals("", years.tickLabels.apply(2000.5), "no label between integers");
    }

    @Test
    void otherLabelsAreDrawnInOrderWithTheirOwnText() {
        XAxis m3 = XAxis.of(new String[] {"5-01", "5-02"}, 2, new String[] {"5-03"}, 1);
        assertEquals(XAxis.Kind.ORDINAL, m3.kind);
        assertEquals("5-03", m3.tickLabels.apply(2.0));
        XAxis mixed = XAxis.of(new String[] {"2024-01-01", "7"}, 2, new String[] {"8"}, 1);
        assertEquals(XAxis.Kind.ORDINAL, mixed.kind, "mixed formats");
        XAxis decreasing = XAxis.of(new String[] {"3", "2"}, 2, new String[] {"1"}, 1);
        assertEquals(XAxis.Kind.ORDINAL, decreasing.kind, "not increasing");
    }

    @Test
    void withoutLabelsStepsCountFromTheLastObservationAndMissingFutureLabelsAreExtrapolated() {
        XAxis steps = XAxis.of(null, 3, null, 2);
        assertEquals(XAxis.Kind.STEPS, steps.kind);
        assertEquals(-2.0, steps.historyX.get(0));
        assertEquals(2.0, steps.futureX.get(1));
        XAxis weekly = XAxis.of(new String[] {"2024-01-01", "2024-01-08", "2024-01-15"}, 3, null, 2);
        assertEquals(XAxis.Kind.TIME, weekly.kind);
        assertEquals(new Date(((Date) weekly.historyX.get(2)).getTime() + 14 * DAY), weekly.futureX.get(1));
    }
}
