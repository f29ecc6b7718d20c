package forecastfarm.worker.tasks;

import forecastfarm.api.Args;
import forecastfarm.shared.forecast.CvRequest;
import java.util.List;

/**
 * The arguments of a JSON {@code cv} task: the forecast kind's ({@link ForecastArgs}: {@code y, horizon,
 * season_length, models, levels}) and the windows, as {@code farm cv}'s options: {@code "windows": K} (required, at
 * least 1), {@code "step": S} (default 1), {@code "input_size": N} (optional: a rolling window of N training points;
 * left out, an expanding one) and {@code "ds": [strings]} (optional: the labels of the series' last points, one per
 * point of {@code y} or at least the windows' cutoffs and test points, {@code H + S x (K - 1) + 1}; the cutoffs and
 * steps are then labelled with them). Each error names its argument.
 *
 * @param request the cross-validation to run, with canonical model specs.
 * @param ds      the labels of the series' last points, oldest first, or null when not given.
 */
public record CvArgs(CvRequest request, List<String> ds) {

    /**
     * @throws IllegalArgumentException naming the missing or bad argument.
     */
    public static CvArgs parse(final Args args) {
        final ForecastArgs forecast = ForecastArgs.parse(args);
        final int windows = atLeastOne(args, "windows", args.integer("windows"));
        final int step = atLeastOne(args, "step", args.integer("step", 1));
        final int inputSize =
                args.asMap().get("input_size") == null ? 0 : atLeastOne(args, "input_size", args.integer("input_size"));
        final CvRequest request = new CvRequest(forecast.request(), windows, step, inputSize);
        return new CvArgs(request, ds(args, request));
    }

    private static int atLeastOne(final Args args, final String name, final int value) {
        if (value < 1) {
            throw new IllegalArgumentException("argument '" + name + "' must be at least 1, got "
                    + args.asMap().get(name));
        }
        return value;
    }

    /** @return the label of the series' point {@code index} (from 0); null when there are no labels. */
    public String label(final int index) {
        return ds == null ? null : ds.get(index - (request.forecast().y().length - ds.size()));
    }

    private static List<String> ds(final Args args, final CvRequest request) {
        if (args.asMap().get("ds") == null) {
            return null;
        }
        final List<?> values = args.list("ds");
        final int points = request.forecast().y().length;
        final int labelled = CvRequest.testPoints(request.forecast().horizon(), request.windows(), request.step()) + 1;
        if (values.size() > points || values.size() < Math.min(points, labelled)) {
            throw new IllegalArgumentException("argument 'ds' has " + values.size() + " labels for the " + points
                    + " points of 'y': give one per point, or at least the last " + labelled
                    + " (the windows' cutoffs and test points)");
        }
        return ForecastArgs.dateStrings("ds", values);
    }
}
