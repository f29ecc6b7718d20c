package forecastfarm.api;

/**
 * One job's tasks of one {@link TaskKind} on one worker process: {@link #run} is called once per task, one task at a
 * time, and keeps no state from one task to the next (a task's result must not depend on which tasks this worker ran
 * before it: the farm re-runs a task on another worker after a crash, and resumes jobs in new processes).
 */
public interface KindSession extends AutoCloseable {
    /**
     * Runs one task.
     *
     * @param key  the task's key (unique in its job), for messages.
     * @param args the task's arguments (the {@code args} object of a {@code tasks.jsonl} line, or a CSV row).
     * @return the result, rendered as JSON by the worker: a {@code Map<String, ?>} (a JSON object, in the map's
     *     iteration order), a {@code List<?>} or an array of primitives or objects (a JSON array), a
     *     {@code CharSequence}, a {@code Number} (NaN and infinities become {@code null}), a {@code Boolean},
     *     or {@code null}, nested as deep as needed. A record is rendered as an object of its components.
     * @throws IllegalArgumentException when the arguments are wrong (the task FAILS with the message; it is not
     *     retried on another worker).
     * @throws Exception when the task cannot be done; the task FAILS with the message, the worker goes on.
     */
    Object run(String key, Args args) throws Exception;

    /** Called once when the worker stops; releases what {@link TaskKind#open} took. */
    @Override
    default void close() throws Exception {}
}
