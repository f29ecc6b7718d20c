package forecastfarm.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/**
 * Series ids in any script reach the plot titles drawn, not as boxes: with a font that covers them (scripts/test
 * installs one where it is missing, when it runs as root), and else as the sanitised id.
 */
class PlotFontsTest {
    static final List<String> IDS = List.of("株式会社", "Ελλάδα", "Москва");

    @TempDir
    Path tmp;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // as SeriesPlotWriter does, before the first AWT call
        }
    }

    private static List<Font> installed() {
        return List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts());
    }

    @Test
    void titlesInNonLatinScriptsAreDrawnInAFontThatHasTheirGlyphs() {
        for (String id : IDS) {
            assumeTrue(
                    installed().stream().anyMatch(f -> f.canDisplayUpTo(id) < 0),
                    "no installed font draws " + id + " (scripts/test installs one when run as root)");
        }
        SeriesPlotWriter writer = new SeriesPlotWriter(tmp);
        for (String id : IDS) {
            double[] y = Synthetic.seasonal(60, 7, 1);
            SeriesPlotData data = SeriesPlotData.forecast(
                            id, null, y, null, List.of(Synthetic.naive("ets", y, 7, 0, 95)), 7)
                    .withValueName(id);
            XYChart chart = writer.chart(data);
            assertEquals(id + "  \u2014  ets", chart.getTitle());
            assertEquals(-1, chart.getStyler().getChartTitleFont().canDisplayUpTo(chart.getTitle()), id);
            assertEquals(id, chart.getYAxisTitle());
            assertEquals(-1, chart.getStyler().getAxisTitleFont().canDisplayUpTo(id), id);
            assertTrue(SeriesPlotWriterTest.distinctColours(writer.render(data)) > 20, id);
        }
    }

    /** A real installed font that has no glyph for {@code text}; the test is skipped on a machine without one. */
    private static Font fontWithout(String text) {
        Optional<Font> font = installed().stream()
                .filter(f -> f.canDisplayUpTo(text) >= 0 && f.canDisplayUpTo("AAPL - ets") < 0)
                .findFirst();
        assumeTrue(font.isPresent(), "every installed font draws " + text);
        return font.get().deriveFont(Font.BOLD, 15f);
    }

    @Test
    void withoutAFontThatDrawsTheTitleItFallsBackToTheSanitisedId() {
        String id = "株式会社";
        Font latin = fontWithout(id);
        AtomicInteger listed = new AtomicInteger();
        PlotFonts fonts = new PlotFonts(() -> {
            listed.incrementAndGet();
            return List.of(latin);
        });
        String fallback = PlotFileNames.baseName(id) + " - ets";
        for (int i = 0; i < 3; i++) {
            PlotFonts.Fitted fitted = fonts.fit(id + " - ets", latin, () -> fallback);
            assertEquals("_-" + PlotFileNames.shortHash(id) + " - ets", fitted.text());
            assertSame(latin, fitted.font());
        }
        assertEquals(1, listed.get(), "the search for a font is made once per script");
        fonts.fit("Ελλάδα 株式会社", latin, () -> "fallback");
        assertEquals(1, listed.get(), "the fonts are listed once");
        assertEquals("failed: AAPL ???? (x)", PlotFonts.replaceMissing("failed: AAPL 株式会社 (x)", latin));
    }

    @Test
    void aFontThatDrawsTheTitleIsTakenInThePreferredStyleAndSize() {
        String id = "株式会社";
        Font latin = fontWithout(id);
        Optional<Font> cjk =
                installed().stream().filter(f -> f.canDisplayUpTo(id) < 0).findFirst();
        assumeTrue(cjk.isPresent(), "no installed font draws " + id);
        PlotFonts fonts = new PlotFonts(() -> List.of(latin, cjk.get()));
        PlotFonts.Fitted fitted = fonts.fit(id, latin, () -> "fallback");
        assertEquals(id, fitted.text());
        assertEquals(-1, fitted.font().canDisplayUpTo(id));
        assertEquals(latin.getStyle(), fitted.font().getStyle());
        assertEquals(latin.getSize(), fitted.font().getSize());
        PlotFonts.Fitted latinText = fonts.fit("AAPL", latin, () -> "fallback");
        assertSame(latin, latinText.font(), "the preferred font where it can");
    }
}
