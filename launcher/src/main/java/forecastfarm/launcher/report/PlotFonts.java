package forecastfarm.launcher.report;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Picks a font that can draw a text (a series id in a title: "株式会社", "Ελλάδα", "Москва"), so that no glyph comes
 * out as a box. The preferred font when it can ({@link Font#canDisplayUpTo}: Java's logical fonts use whatever
 * fontconfig offers, which covers most scripts where a CJK font is installed); else the first installed font family
 * that can draw the whole text; else none, and the caller's fallback text (the sanitised id) in the preferred font.
 *
 * <p>The installed fonts are listed once per JVM, and only when some text needs them (~0.1-0.2 s); the family found
 * for a set of scripts is kept, so a plot after the first of a script costs a {@code canDisplayUpTo} or two.
 * Thread-safe.
 */
final class PlotFonts {
    /** A text to draw and the font to draw it with. */
    record Fitted(String text, Font font) {}

    private final Supplier<List<Font>> installed;
    private volatile List<Font> fonts;
    private final Map<Set<UnicodeScript>, Optional<String>> familyByScripts = new ConcurrentHashMap<>();

    /** The JVM's instance: every font installed on the machine. */
    static final PlotFonts SYSTEM = new PlotFonts(Installed::fonts);

    /** @param installed the fonts to choose from, in order of preference; asked for once, when first needed */
    PlotFonts(Supplier<List<Font>> installed) {
        this.installed = installed;
    }

    /**
     * {@code text} in {@code preferred} or in a font like it that can draw it; else {@code fallback}'s text in
     * {@code preferred} (asked for only then).
     */
    Fitted fit(String text, Font preferred, Supplier<String> fallback) {
        if (preferred.canDisplayUpTo(text) < 0) {
            return new Fitted(text, preferred);
        }
        Set<UnicodeScript> scripts = missingScripts(text, preferred);
        Optional<String> known = familyByScripts.get(scripts);
        if (known != null && known.isEmpty()) {
            return new Fitted(fallback.get(), preferred);
        }
        if (known != null) {
            Font font = new Font(known.get(), preferred.getStyle(), preferred.getSize());
            if (font.canDisplayUpTo(text) < 0) {
                return new Fitted(text, font);
            }
        }
        Font found = search(text, preferred);
        if (known == null) {
            familyByScripts.putIfAbsent(scripts, Optional.ofNullable(found).map(Font::getFamily));
        }
        return found != null ? new Fitted(text, found) : new Fitted(fallback.get(), preferred);
    }

    /** The first installed family that, in the preferred style and size, draws all of {@code text}; or null. */
    private Font search(String text, Font preferred) {
        Set<String> tried = new LinkedHashSet<>();
        List<Font> list = fonts;
        if (list == null) {
            list = installed.get(); // at worst listed twice, by two threads at once: the same list
            fonts = list;
        }
        for (Font f : list) {
            if (f.canDisplayUpTo(text) < 0 && tried.add(f.getFamily())) {
                Font font = new Font(f.getFamily(), preferred.getStyle(), preferred.getSize());
                if (font.canDisplayUpTo(text) < 0) {
                    return font;
                }
            }
        }
        return null;
    }

    /** {@code text} with each character {@code font} cannot draw replaced by {@code ?}. */
    static String replaceMissing(String text, Font font) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (font.canDisplay(cp)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append('?');
            }
        });
        return sb.toString();
    }

    /** The scripts of the characters {@code font} cannot draw. */
    private static Set<UnicodeScript> missingScripts(String text, Font font) {
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!font.canDisplay(cp)) {
                scripts.add(UnicodeScript.of(cp));
            }
            i += Character.charCount(cp);
        }
        return scripts;
    }

    /** The machine's fonts, listed on first use (fontconfig, every face). */
    private static final class Installed {
        private static final List<Font> FONTS =
                List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts());

        static List<Font> fonts() {
            return FONTS;
        }
    }
}
