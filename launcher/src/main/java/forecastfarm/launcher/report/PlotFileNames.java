package forecastfarm.launcher.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * File names for per-series plots, safe on every common file system whatever the id holds ({@code /},
 * spaces, unicode, {@code ..}, names reserved on Windows), and unique within one instance even on
 * case-insensitive file systems.
 *
 * <p>An id made only of {@code A-Z a-z 0-9 . _ -} (not starting or ending with a dot, at most
 * {@value #MAX_BASE} chars, not a Windows device name) is used as is: {@code AAPL -> AAPL.png}. Any other id is
 * sanitised (runs of other characters, dots included, become one {@code _}; cut to {@value #MAX_BASE} chars) and
 * gets {@code -} plus the first 8 hex digits of the SHA-256 of its UTF-8 bytes: {@code "a/b c" -> a_b_c-0af99a60.png}.
 * If a name is already taken in this instance (compared case-insensitively) a counter is added: {@code -2},
 * {@code -3}, ... Not thread-safe.
 */
public final class PlotFileNames {
    static final int MAX_BASE = 80;
    private static final Set<String> WINDOWS_DEVICES = Set.of(
            "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
            "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private final Set<String> taken = new HashSet<>();
    private final String extension;

    /** Names ending in {@code .png}. */
    public PlotFileNames() {
        this(".png");
    }

    /** @param extension appended to every name, e.g. {@code ".png"} */
    public PlotFileNames(String extension) {
        this.extension = extension;
    }

    /**
     * A new file name (no directory) for this id, different from every name this instance returned before.
     * Deterministic: the same ids in the same order give the same names.
     */
    public String next(String id) {
        String base = baseName(id);
        String name = base + extension;
        for (int k = 2; !taken.add(name.toLowerCase(Locale.ROOT)); k++) {
            name = base + "-" + k + extension;
        }
        return name;
    }

    /** The file name stem for an id before uniqueness within an instance: see the class comment. */
    public static String baseName(String id) {
        if (isSafe(id)) {
            return id;
        }
        StringBuilder sb = new StringBuilder(Math.min(id.length(), MAX_BASE));
        boolean lastReplaced = false;
        for (int i = 0; i < id.length() && sb.length() < MAX_BASE; i++) {
            char c = id.charAt(i);
            if (isSafeChar(c) && c != '.') {
                sb.append(c);
                lastReplaced = false;
            } else if (!lastReplaced) {
                sb.append('_');
                lastReplaced = true;
            }
        }
        return (sb.length() == 0 ? "series" : sb.toString()) + "-" + shortHash(id);
    }

    private static boolean isSafe(String id) {
        if (id.isEmpty() || id.length() > MAX_BASE || id.charAt(0) == '.' || id.endsWith(".")) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!isSafeChar(id.charAt(i))) {
                return false;
            }
        }
        int dot = id.indexOf('.');
        String stem = (dot < 0 ? id : id.substring(0, dot)).toLowerCase(Locale.ROOT);
        return !WINDOWS_DEVICES.contains(stem);
    }

    private static boolean isSafeChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-';
    }

    static String shortHash(String id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(8);
            for (int i = 0; i < 4; i++) {
                sb.append(Character.forDigit((d[i] >> 4) & 0xF, 16)).append(Character.forDigit(d[i] & 0xF, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
