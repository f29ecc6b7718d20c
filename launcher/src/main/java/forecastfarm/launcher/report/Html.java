package forecastfarm.launcher.report;

import java.nio.charset.StandardCharsets;

/** HTML text and attribute escaping, and URL path encoding, for the report. */
public final class Html {
    private Html() {}

    /** Escapes for text and for double- or single-quoted attribute values. Null gives "". */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '\u0000' -> "\uFFFD";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * A relative path as a URL path: every byte outside {@code A-Z a-z 0-9 - . _ ~ /} is percent-encoded
     * (so {@code :}, {@code ?}, {@code #} and spaces cannot change what the link means). Escape the result
     * with {@link #esc} like any attribute.
     */
    static String urlPath(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }
}
