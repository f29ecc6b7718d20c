package forecastfarm.worker.testkinds;

import forecastfarm.worker.tasks.TaskHandler;
import forecastfarm.worker.tasks.TaskHandlerProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test-only task kind, "test-crash", on the worker's classpath only in tests (worker/target/test-classes). Its
 * payload is an action in UTF-8: "ok", "sleep:MS", "hang", "halt:CODE", "oom", "soe", "throw". The crashes go
 * through the real supervision path: the JVM really dies.
 */
public final class CrashTasks implements TaskHandlerProvider {
    public static final String KIND = "test-crash";

    @Override
    public Map<String, TaskHandler> handlers() {
        return Map.of(KIND, CrashTasks::run);
    }

    private static byte[] run(final String key, final byte[] payload) throws Exception {
        final String action = new String(payload, StandardCharsets.UTF_8);
        if (action.startsWith("sleep:")) {
            Thread.sleep(Long.parseLong(action.substring("sleep:".length())));
        } else if (action.startsWith("halt:")) {
            Runtime.getRuntime().halt(Integer.parseInt(action.substring("halt:".length())));
        } else if (action.equals("hang")) {
            Thread.sleep(Long.MAX_VALUE);
        } else if (action.equals("oom")) {
            final List<long[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]);
            }
        } else if (action.equals("soe")) {
            return recurse(0);
        } else if (action.equals("throw")) {
            throw new IllegalStateException("test task failed on purpose for " + key);
        }
        return (key + ":done").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] recurse(final int depth) {
        return depth < 0 ? new byte[0] : recurse(depth + 1);
    }
}
