package forecastfarm.launcher.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's options: {@code --name value} or {@code --name=value}, only names the subcommand knows.
 */
final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();

    private BenchArgs() {}

    static BenchArgs parse(final List<String> args, final Set<String> known) {
        final BenchArgs parsed = new BenchArgs();
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            final int eq = arg.indexOf('=');
            final String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (known: --"
                        + String.join(", --", known.stream().sorted().toList()) + ")");
            }
            final String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            parsed.values.put(name, value);
        }
        return parsed;
    }

    String stringValue(final String name, final String defaultValue) {
        final String raw = values.get(name);
        return raw == null || raw.isBlank() ? defaultValue : raw.trim();
    }

    int intValue(final String name, final int defaultValue, final int min) {
        final String raw = values.get(name);
        final int value;
        try {
            value = raw == null ? defaultValue : Integer.parseInt(raw.trim().replace("_", ""));
        } catch (final NumberFormatException ex) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + raw + "'");
        }
        if (value < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    double doubleValue(final String name, final double defaultValue, final double minExclusive) {
        final String raw = values.get(name);
        final double value;
        try {
            value = raw == null ? defaultValue : Double.parseDouble(raw.trim());
        } catch (final NumberFormatException ex) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + raw + "'");
        }
        if (!(value > minExclusive)) {
            throw new IllegalArgumentException("--" + name + " must be more than " + minExclusive + ", got " + value);
        }
        return value;
    }

    /**
     * @return a comma-separated list of positive ints, in the order given, without repeats.
     */
    List<Integer> intList(final String name, final List<Integer> defaultValue) {
        final String raw = values.get(name);
        if (raw == null) {
            return defaultValue;
        }
        final List<Integer> list = new ArrayList<>();
        for (final String part : raw.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            final int value;
            try {
                value = Integer.parseInt(part.trim());
            } catch (final NumberFormatException ex) {
                throw new IllegalArgumentException(
                        "--" + name + " must be numbers separated by commas, got '" + raw + "'");
            }
            if (value < 1) {
                throw new IllegalArgumentException("--" + name + " values must be at least 1, got " + value);
            }
            if (!list.contains(value)) {
                list.add(value);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is empty");
        }
        return list;
    }
}
