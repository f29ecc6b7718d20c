package example.strategysweep;

import forecastfarm.api.Args;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One stock's closing prices, oldest first, all positive, with their prefix sums so that any moving average is two
 * look-ups: {@code sum(close[from..to-1]) = prefix[to] - prefix[from]}. Optional dates, one per price.
 */
final class PriceSeries {
    private final double[] close;
    private final double[] prefixSums;
    private final List<String> dates;

    private PriceSeries(final double[] close, final List<String> dates) {
        this.close = close;
        this.dates = dates;
        this.prefixSums = new double[close.length + 1];
        for (int i = 0; i < close.length; i++) {
            prefixSums[i + 1] = prefixSums[i] + close[i];
        }
    }

    /**
     * Reads {@code close} (required: finite, positive numbers) and {@code dates} (optional: strings, as many as
     * prices).
     *
     * @throws IllegalArgumentException naming the argument when either is wrong.
     */
    static PriceSeries from(final Args args) {
        final double[] close = args.doubles("close");
        for (int i = 0; i < close.length; i++) {
            if (!(close[i] > 0)) {
                throw new IllegalArgumentException(
                        "argument 'close': element " + i + " is " + close[i] + ", not a positive price");
            }
        }
        return new PriceSeries(close, dates(args, close.length));
    }

    private static List<String> dates(final Args args, final int priceCount) {
        if (args.asMap().get("dates") == null) {
            return null;
        }
        final List<?> raw = args.list("dates");
        if (raw.size() != priceCount) {
            throw new IllegalArgumentException("argument 'dates' has " + raw.size() + " entries but 'close' has "
                    + priceCount + " prices; give one date per price, or no dates");
        }
        final List<String> dates = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i) instanceof String date)) {
                throw new IllegalArgumentException(
                        "argument 'dates': element " + i + " is " + raw.get(i) + ", not a string");
            }
            dates.add(date);
        }
        return Collections.unmodifiableList(dates);
    }

    int size() {
        return close.length;
    }

    double close(final int index) {
        return close[index];
    }

    /** The mean of the {@code window} closes ending at {@code index} (inclusive); needs index >= window - 1. */
    double movingAverage(final int index, final int window) {
        return (prefixSums[index + 1] - prefixSums[index + 1 - window]) / window;
    }

    /** The simple return of day {@code index}: {@code close[index] / close[index - 1] - 1}; needs index >= 1. */
    double dailyReturn(final int index) {
        return close[index] / close[index - 1] - 1;
    }

    /** The dates, or null when the task gave none. */
    List<String> dates() {
        return dates;
    }
}
