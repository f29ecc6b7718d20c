package forecastfarm.launcher.report;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One series in the report's table.
 *
 * @param id        the series id (user data: escaped in the report)
 * @param models    the models asked for or fitted, in order; may be empty
 * @param status    e.g. OK, FAILED, POISONED, INVALID, NOT_RUN (any text; OK counts as success)
 * @param reason    why it failed or a model's note, or null / empty
 * @param attempts  how many times it was run (0 if never)
 * @param runtimeMs its task's wall time in ms, or NaN when unknown
 * @param plotFile  its plot relative to the report's directory with {@code /} separators (see {@link #plotPath}),
 *                  or null when it has none
 * @param specs     each model's fitted spec ({@code model_spec}: "ETS(M,N,N)"), in the order of {@code models},
 *                  empty where unknown or failed; an empty list when none is known
 */
public record ReportRow(
        String id,
        List<String> models,
        String status,
        String reason,
        int attempts,
        double runtimeMs,
        String plotFile,
        List<String> specs) {
    public ReportRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        models = List.copyOf(models == null ? List.of() : models);
        reason = reason == null ? "" : reason;
        specs = List.copyOf(specs == null ? List.of() : specs);
        if (!specs.isEmpty() && specs.size() != models.size()) {
            throw new IllegalArgumentException(
                    "series " + id + ": " + specs.size() + " model specs for " + models.size() + " models");
        }
    }

    /** A row without model specs. */
    public ReportRow(
            String id,
            List<String> models,
            String status,
            String reason,
            int attempts,
            double runtimeMs,
            String plotFile) {
        this(id, models, status, reason, attempts, runtimeMs, plotFile, List.of());
    }

    /** Each model as the report shows it, with its spec: {@link ModelBand#label}. */
    public List<String> modelsWithSpecs() {
        List<String> shown = new java.util.ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            shown.add(ModelBand.label(models.get(i), specs.isEmpty() ? "" : specs.get(i), Integer.MAX_VALUE));
        }
        return shown;
    }

    /** Whether the status is OK (case-insensitive). */
    public boolean ok() {
        return status.equalsIgnoreCase("OK");
    }

    /** {@code plotFile} relative to {@code reportDir}, with {@code /} separators, for {@link #plotFile}. */
    public static String plotPath(Path reportDir, Path plotFile) {
        Path rel = reportDir
                .toAbsolutePath()
                .normalize()
                .relativize(plotFile.toAbsolutePath().normalize());
        return rel.toString().replace(File.separatorChar, '/');
    }
}
