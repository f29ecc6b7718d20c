package forecastfarm.worker.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The sessions of one worker JVM, one per model file and thread count, opened on first use and kept until the JVM
 * ends: a model is read and checked once per worker, not once per series. Keyed by the file's canonical path, so
 * {@code models/../models/m.onnx} and a link to it share one session.
 */
public final class BoltSessions {

    private record Key(Path canonicalFile, int intraOpThreads) {}

    private static final ConcurrentMap<Key, BoltSession> OPEN = new ConcurrentHashMap<>();

    private BoltSessions() {}

    /**
     * The session of {@code file}, opened now if this worker has not opened it with these threads yet.
     *
     * @throws OnnxLoadException as {@link BoltSession#open}; nothing is kept then, so a later call tries again
     */
    public static BoltSession open(Path file, int intraOpThreads) {
        Path canonical;
        try {
            canonical = file.toRealPath();
        } catch (IOException e) {
            throw new OnnxLoadException("ONNX model " + file + ": no such file", e);
        }
        return OPEN.computeIfAbsent(
                new Key(canonical, intraOpThreads), k -> BoltSession.open(k.canonicalFile(), k.intraOpThreads()));
    }

    /** How many sessions this worker holds. */
    public static int size() {
        return OPEN.size();
    }
}
