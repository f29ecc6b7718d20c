package forecastfarm.launcher;

import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelDeclaration;
import forecastfarm.shared.forecast.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code auto} model's settings as options, a picocli mixin of {@code farm forecast} and {@code farm submit}:
 * {@code --select-by} and {@code --windows} rewrite every {@code auto} spec of {@code --model} (replacing the
 * {@code by=} or {@code windows=} it has), so {@code --model auto --select-by smape} runs {@code auto:by=smape}.
 *
 * <p>Not part of {@link ForecastOptions}: {@code farm cv} shares those and has a {@code --windows} of its own (the cv
 * windows); there an {@code auto} spec takes its settings in the spec ({@code auto:windows=3}).
 */
final class AutoOptions {
    private static final String AUTO = "auto";

    @Option(
            names = "--select-by",
            paramLabel = "mase|smape|rmse|msis",
            description = "for --model auto: the cross-validated score that picks each series' model; msis at the"
                    + " 95%% level if --level has it, else at the highest (default " + ModelCatalog.AUTO_BY_DEFAULT
                    + ")")
    String selectBy;

    @Option(
            names = "--windows",
            paramLabel = "K",
            description = "for --model auto: the cross-validation windows, each --horizon long, over the last K x"
                    + " --horizon points; a series with fewer than K x --horizon + 2 points gets comb (default "
                    + ModelCatalog.AUTO_WINDOWS_DEFAULT + ")")
    Integer windows;

    /**
     * @param specs canonical model specs, as {@code --model} gave them
     * @return the specs with every {@code auto} given these settings; {@code specs} when none was given
     * @throws IllegalArgumentException naming the option: for a bad value, or when no spec is {@code auto}
     */
    List<String> rewrite(final List<String> specs) {
        final ModelDeclaration auto = ModelCatalog.MODELS.find(AUTO).orElseThrow();
        final Map<String, String> settings = new LinkedHashMap<>();
        final List<String> options = new ArrayList<>();
        if (selectBy != null) {
            settings.put("by", checked(auto, "by", "--select-by", selectBy));
            options.add("--select-by");
        }
        if (windows != null) {
            settings.put("windows", checked(auto, "windows", "--windows", Integer.toString(windows)));
            options.add("--windows");
        }
        if (settings.isEmpty()) {
            return specs;
        }
        final Map<String, String> rewritten = new LinkedHashMap<>();
        boolean named = false;
        for (final String text : specs) {
            final ModelSpec spec = ModelSpec.parse("--model", text);
            final String now = spec.name().equals(AUTO)
                    ? ModelCatalog.MODELS
                            .withSettings("--model", spec, settings)
                            .toString()
                    : text;
            named |= spec.name().equals(AUTO);
            final String before = rewritten.putIfAbsent(now, text);
            if (before != null) {
                throw new IllegalArgumentException(String.join(" and ", options) + " made --model's '" + before
                        + "' and '" + text + "' the same model, " + now + "; name it once");
            }
        }
        if (!named) {
            throw new IllegalArgumentException(String.join(" and ", options)
                    + (options.size() == 1 ? " is" : " are") + " for the auto model, and --model names none;"
                    + " add auto (e.g. --model auto) or leave " + (options.size() == 1 ? "it" : "them") + " out");
        }
        return List.copyOf(rewritten.keySet());
    }

    private static String checked(
            final ModelDeclaration auto, final String key, final String option, final String value) {
        try {
            return auto.setting(key).orElseThrow().check(value);
        } catch (final IllegalArgumentException bad) {
            throw new IllegalArgumentException("invalid " + option + " " + value + ": " + bad.getMessage());
        }
    }
}
