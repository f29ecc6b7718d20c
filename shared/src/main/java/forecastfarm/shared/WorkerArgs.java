package forecastfarm.shared;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A worker JVM's command line after its main class, the one place its flags are named: the launcher writes it with
 * {@link #toArgs()}, the worker reads it with {@link #parse(String[])}. Every flag is a {@code --name value} pair.
 *
 * @param farmDir             {@value #FARM_DIR}: the farm dir (null: not given).
 * @param runId               {@value #RUN}: the launcher's run id (-1: not given).
 * @param slot                {@value #SLOT}: the worker's slot (-1: not given).
 * @param generation          {@value #GENERATION}: the slot's generation (-1: not given).
 * @param launcherPid         {@value #LAUNCHER_PID}: the launcher's process id (-1: not given).
 * @param maxTasks            {@value #MAX_TASKS}: tasks before the worker retires.
 * @param maxHeapBytes        {@value #MAX_HEAP_BYTES}: heap after GC above which the worker retires.
 * @param maxRssBytes         {@value #MAX_RSS_BYTES}: resident set size above which the worker retires.
 * @param heartbeatIntervalMs {@value #HEARTBEAT_INTERVAL_MS}: how often the worker beats.
 */
public record WorkerArgs(
        Path farmDir,
        long runId,
        int slot,
        int generation,
        long launcherPid,
        long maxTasks,
        long maxHeapBytes,
        long maxRssBytes,
        long heartbeatIntervalMs) {
    /** The worker's main class, which the launcher names (it does not link the worker's classes). */
    public static final String MAIN_CLASS = "forecastfarm.worker.WorkerMain";
    /** Runs one worker through a short life, so a class data sharing archive can record what workers load. */
    public static final String CLASS_CACHE_TRAINING_CLASS = "forecastfarm.worker.CdsTraining";
    /**
     * Lists the task kinds that the worker's classpath and the task jars given as its arguments offer, as one JSON
     * object on stdout ({@code {"kinds": {"NAME": "built-in" | "/abs/path.jar"}}}, exit 0), or one line naming the
     * jars and the problem on stderr (two jars offering one kind, a jar with no kind, a jar that cannot be read:
     * exit 2). The launcher runs it before a job's first task, so that plugin code never runs in the launcher.
     */
    public static final String TASK_KINDS_CLASS = "forecastfarm.worker.TaskKindsMain";
    /** The wire kind of a {@code farm run} task of kind K is this prefix plus K; its payload and result are JSON. */
    public static final String JSON_KIND_PREFIX = "json:";

    public static final String FARM_DIR = "--farm-dir";
    public static final String RUN = "--run";
    public static final String SLOT = "--slot";
    public static final String GENERATION = "--generation";
    public static final String LAUNCHER_PID = "--launcher-pid";
    public static final String MAX_TASKS = "--max-tasks";
    public static final String MAX_HEAP_BYTES = "--max-heap-bytes";
    public static final String MAX_RSS_BYTES = "--max-rss-bytes";
    public static final String HEARTBEAT_INTERVAL_MS = "--heartbeat-interval-ms";

    /** The flags a worker cannot start without. */
    public static final List<String> REQUIRED = List.of(FARM_DIR, RUN, SLOT, GENERATION, LAUNCHER_PID);

    /** A required flag that was not given. */
    public static final long NOT_GIVEN = -1;

    public static final long MAX_TASKS_DEFAULT = Long.MAX_VALUE;
    public static final long MAX_HEAP_BYTES_DEFAULT = Long.MAX_VALUE;
    public static final long MAX_RSS_BYTES_DEFAULT = Long.MAX_VALUE;
    public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = 100;

    /**
     * @return every flag followed by its value, one list element each.
     * @throws NullPointerException when the farm dir is null.
     */
    public List<String> toArgs() {
        return List.of(
                FARM_DIR, Objects.requireNonNull(farmDir, "farmDir").toString(),
                RUN, Long.toString(runId),
                SLOT, Integer.toString(slot),
                GENERATION, Integer.toString(generation),
                LAUNCHER_PID, Long.toString(launcherPid),
                MAX_TASKS, Long.toString(maxTasks),
                MAX_HEAP_BYTES, Long.toString(maxHeapBytes),
                MAX_RSS_BYTES, Long.toString(maxRssBytes),
                HEARTBEAT_INTERVAL_MS, Long.toString(heartbeatIntervalMs));
    }

    /**
     * Reads {@code --name value} pairs in any order. A flag left out is {@link #NOT_GIVEN} (null for the farm dir)
     * when required, else its default; the values' ranges are the worker's to check.
     *
     * @throws IllegalArgumentException naming the bad argument: an odd count, an unknown flag, or a value that is
     *     not a number ({@link NumberFormatException}).
     */
    public static WorkerArgs parse(final String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("worker arguments come in --name value pairs");
        }
        Path farmDir = null;
        long runId = NOT_GIVEN;
        int slot = (int) NOT_GIVEN;
        int generation = (int) NOT_GIVEN;
        long launcherPid = NOT_GIVEN;
        long maxTasks = MAX_TASKS_DEFAULT;
        long maxHeapBytes = MAX_HEAP_BYTES_DEFAULT;
        long maxRssBytes = MAX_RSS_BYTES_DEFAULT;
        long heartbeatIntervalMs = HEARTBEAT_INTERVAL_MS_DEFAULT;
        for (int i = 0; i < args.length; i += 2) {
            final String value = args[i + 1];
            switch (args[i]) {
                case FARM_DIR -> farmDir = Path.of(value);
                case RUN -> runId = Long.parseLong(value);
                case SLOT -> slot = Integer.parseInt(value);
                case GENERATION -> generation = Integer.parseInt(value);
                case LAUNCHER_PID -> launcherPid = Long.parseLong(value);
                case MAX_TASKS -> maxTasks = Long.parseLong(value);
                case MAX_HEAP_BYTES -> maxHeapBytes = Long.parseLong(value);
                case MAX_RSS_BYTES -> maxRssBytes = Long.parseLong(value);
                case HEARTBEAT_INTERVAL_MS -> heartbeatIntervalMs = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown worker argument " + args[i]);
            }
        }
        return new WorkerArgs(
                farmDir,
                runId,
                slot,
                generation,
                launcherPid,
                maxTasks,
                maxHeapBytes,
                maxRssBytes,
                heartbeatIntervalMs);
    }
}
