package forecastfarm.shared.forecast;

import java.util.List;
import java.util.Objects;

/**
 * A setting of a model of models, written {@code KEY=VALUE} among its models: one of fixed words, or a whole
 * number in a range.
 *
 * @param key          the name before {@code =}, lower case
 * @param defaultValue what it is when not written (a setting at its default is left out of the canonical text)
 * @param choices      the words it may be; empty for a whole number
 * @param min          a whole number's least value
 * @param max          a whole number's greatest value
 */
public record ModelSetting(String key, String defaultValue, List<String> choices, int min, int max) {
    public ModelSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(defaultValue, "defaultValue");
        choices = List.copyOf(choices);
    }

    /** A setting that is one of {@code choices}, the first its default. */
    public static ModelSetting oneOf(final String key, final List<String> choices) {
        return new ModelSetting(key, choices.get(0), choices, 0, 0);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static ModelSetting wholeNumber(final String key, final int defaultValue, final int min, final int max) {
        return new ModelSetting(key, Integer.toString(defaultValue), List.of(), min, max);
    }

    /** @return how to write it: {@code by=mase|smape} or {@code windows=K}. */
    public String usage() {
        return key + "=" + (choices.isEmpty() ? "K" : String.join("|", choices));
    }

    /**
     * @return {@code value} in its canonical form ({@code 03} is {@code 3}).
     * @throws IllegalArgumentException saying what the value must be, e.g. {@code must be one of mase, smape}
     */
    public String check(final String value) {
        if (!choices.isEmpty()) {
            if (choices.contains(value)) {
                return value;
            }
            throw new IllegalArgumentException("must be one of " + String.join(", ", choices));
        }
        if (value.matches("[0-9]{1,9}")) {
            final int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return Integer.toString(number);
            }
        }
        throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
    }
}
