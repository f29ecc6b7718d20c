package forecastfarm.launcher.farm;

/**
 * A task as the launcher holds it before and while it runs.
 *
 * @param key     unique within the farm: the results map key (the series id).
 * @param kind    the worker's handler name.
 * @param payload the kind's input.
 */
public record TaskSpec(String key, String kind, byte[] payload) {
    private static final byte[] NONE = new byte[0];

    /**
     * @return this task without its payload (for a finished task, whose payload is never needed again).
     */
    public TaskSpec withoutPayload() {
        return payload.length == 0 ? this : new TaskSpec(key, kind, NONE);
    }
}
