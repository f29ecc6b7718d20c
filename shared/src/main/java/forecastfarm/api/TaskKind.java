package forecastfarm.api;

/**
 * A kind of task that a user adds to the farm in a jar of their own: the plugin SPI. Implement it, list the class in
 * {@code META-INF/services/forecastfarm.api.TaskKind} of your jar, build the jar against the farm's task API jar (this
 * package only: no Chronicle, no Agrona, nothing else of the farm) and pass it with {@code farm run --task-jar JAR}.
 *
 * <p>Contract:
 * <ul>
 *   <li>Every worker process loads each task jar in a class loader of its own (parent: the platform class loader
 *       plus this package), so a plugin's libraries never clash with the farm's or another plugin's.</li>
 *   <li>{@link #open} is called once per worker and job, before the job's first task on that worker, with the job's
 *       settings; the {@link KindSession} it returns runs every task of the job on that worker, one at a time, and
 *       is closed when the worker stops.</li>
 *   <li>Plugin code only ever runs in worker processes: results are rendered to JSON there, never in the launcher
 *       or a server.</li>
 * </ul>
 */
public interface TaskKind {
    /**
     * @return the kind's name as users write it ({@code farm run --kind NAME}): lower case letters, digits and
     *     {@code -}, starting with a letter, e.g. {@code strategy-sweep}; unique among the jars of a farm.
     */
    String name();

    /**
     * Prepares this kind for one job on one worker: load a model, a table, parse settings.
     *
     * @param settings the job's settings (a JSON object; empty when the job gives none).
     * @return the session that runs the job's tasks on this worker.
     * @throws Exception when the kind cannot run this job; every task of the job on this worker then fails with
     *     the exception's message.
     */
    KindSession open(Args settings) throws Exception;
}
