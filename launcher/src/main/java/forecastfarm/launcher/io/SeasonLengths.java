package forecastfarm.launcher.io;

/**
 * The {@code --season-length} option: a comma-separated list of season lengths, the main one first ({@code 12},
 * {@code 24,168}, {@code 7,365.25}). A season may be fractional; models that take one integer season use the first,
 * rounded (see {@code ForecastRequest}).
 */
public final class SeasonLengths {
    private SeasonLengths() {}

    /**
     * @param text the option's value; null, blank or {@code 0} (the former default) mean "infer from the dates"
     * @return the seasons, or an empty array to infer them per series
     * @throws IllegalArgumentException naming the option and the value when a part is not a number of at least 1
     */
    public static double[] parse(String text) {
        if (text == null || text.isBlank() || text.strip().equals("0")) {
            return new double[0];
        }
        String[] parts = text.split(",", -1);
        double[] seasons = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            double season;
            try {
                season = Double.parseDouble(part);
            } catch (NumberFormatException e) {
                season = Double.NaN;
            }
            if (!(season >= 1) || Double.isInfinite(season) || part.isEmpty() || !Character.isDigit(part.charAt(0))) {
                throw new IllegalArgumentException("invalid --season-length '" + text + "': '" + part
                        + "' is not a season length (a number of periods, 1 or more; a list is comma separated,"
                        + " e.g. 24,168)");
            }
            seasons[i] = season;
        }
        return seasons;
    }
}
