package forecastfarm.launcher.report;

import java.util.ArrayList;
import java.util.List;

/** Word wrapping for text drawn in a plot. */
final class TextWrap {
    private TextWrap() {}

    /** At most {@code maxLines} lines of at most {@code width} characters, broken at spaces; "…" marks a cut. */
    static List<String> wrap(String text, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = text.replaceAll("\\s+", " ").strip();
        while (!rest.isEmpty() && lines.size() < maxLines) {
            if (rest.length() <= width) {
                lines.add(rest);
                rest = "";
                break;
            }
            int cut = rest.lastIndexOf(' ', width);
            if (cut < width / 2) {
                cut = width;
            }
            lines.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            String last = lines.get(lines.size() - 1);
            lines.set(lines.size() - 1, (last.length() > width - 1 ? last.substring(0, width - 1) : last) + "…");
        }
        return lines;
    }
}
