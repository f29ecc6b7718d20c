package forecastfarm.worker.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The sessions of one worker JVM, one per model file (or model directory) and thread count, opened on first use and kept until the JVM
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
            // a served farm's workers resolve a client's relative path against the server's directory, not the client's
            throw new OnnxLoadException(
                    "ONNX model " + file + ": no such file"
                            + (file.isAbsolute()
                                    ? ""
                                    : " (a relative path is read from the worker's directory, "
                                            + Path.of("").toAbsolutePath() + "; give an absolute path)"),
                    e);
        }
        return OPEN.computeIfAbsent(new Key(canonical, intraOpThreads), BoltSessions::openChecked);
    }

    /** A file, or a directory whose descriptor names the file and what it must be ({@link ModelDirectory}). */
    private static BoltSession openChecked(Key key) {
        if (!Files.isDirectory(key.canonicalFile())) {
            return BoltSession.open(key.canonicalFile(), key.intraOpThreads());
        }
        ModelDirectory directory = ModelDirectory.read(key.canonicalFile());
        BoltSession session = BoltSession.open(directory.file(), key.intraOpThreads());
        try {
            directory.check(session.shape());
        } catch (OnnxLoadException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** How many sessions this worker holds. */
    public static int size() {
        return OPEN.size();
    }
}
