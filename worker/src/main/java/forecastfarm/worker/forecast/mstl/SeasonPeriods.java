package forecastfarm.worker.forecast.mstl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The season lengths MSTL decomposes a series by: the task's seasons rounded to whole observations, those below 2
 * dropped (1 means no season), those with fewer than two full periods in the series dropped as R's mstl does (it keeps
 * a period only when it is less than n / 2), duplicates merged, in ascending order.
 *
 * @param periods the periods kept, ascending; empty when none is usable
 * @param note    what was rounded, merged or dropped and why; "" when every season was used as given
 */
record SeasonPeriods(int[] periods, String note) {

    /**
     * @param seasons the task's seasons, each finite and at least 1
     * @param length  the series length n
     */
    static SeasonPeriods of(double[] seasons, int length) {
        List<String> notes = new ArrayList<>();
        TreeSet<Integer> kept = new TreeSet<>();
        for (double season : seasons) {
            long rounded = Math.round(season);
            if (rounded != season) {
                notes.add("season " + format(season) + " rounded to " + rounded);
            }
            if (rounded < 2) {
                if (season != 1) {
                    notes.add("season " + format(season) + " dropped (below 2)");
                }
            } else if (rounded >= length / 2.0) {
                notes.add("season " + rounded + " dropped (fewer than 2 full periods in " + length + " observations)");
            } else if (!kept.add((int) rounded)) {
                notes.add("season " + format(season) + " merged with " + rounded);
            }
        }
        return new SeasonPeriods(kept.stream().mapToInt(Integer::intValue).toArray(), String.join("; ", notes));
    }

    boolean none() {
        return periods.length == 0;
    }

    /** "48,336". */
    String text() {
        StringBuilder text = new StringBuilder();
        for (int period : periods) {
            text.append(text.length() == 0 ? "" : ",").append(period);
        }
        return text.toString();
    }

    private static String format(double season) {
        return season == Math.rint(season) ? Long.toString((long) season) : String.format(Locale.ROOT, "%s", season);
    }
}
