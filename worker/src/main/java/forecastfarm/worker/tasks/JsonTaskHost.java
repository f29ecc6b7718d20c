package forecastfarm.worker.tasks;

import forecastfarm.api.Args;
import forecastfarm.api.KindSession;
import forecastfarm.api.TaskKind;
import forecastfarm.worker.json.JsonReader;
import forecastfarm.worker.json.JsonRenderer;

/**
 * Runs the tasks of one JSON kind ({@code farm run --kind NAME}, wire kind {@code json:NAME}): the payload is the
 * task's arguments as UTF-8 JSON, read into {@link Args}; the result is what {@link KindSession#run} returns,
 * rendered as UTF-8 JSON by {@link JsonRenderer}. The kind's session is opened with the job's settings before the
 * first task and kept until {@link #close()}; when {@link TaskKind#open} fails, this and every later task fails with
 * its message. Plugin code runs with its own class loader as the thread's context class loader. One task at a time.
 */
public final class JsonTaskHost implements TaskHandler, AutoCloseable {
    private final TaskKind kind;
    private final Args settings;
    private final ClassLoader kindLoader;
    private KindSession session;
    private Exception openFailure;

    public JsonTaskHost(final TaskKind kind, final Args settings) {
        this.kind = kind;
        this.settings = settings;
        this.kindLoader = kind.getClass().getClassLoader();
    }

    @Override
    public byte[] handle(final String key, final byte[] payload) throws Exception {
        final Args args = JsonReader.readArgs(payload);
        final Thread thread = Thread.currentThread();
        final ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(kindLoader);
        final Object result;
        try {
            result = session().run(key, args);
        } finally {
            thread.setContextClassLoader(before);
        }
        return JsonRenderer.render(result);
    }

    private KindSession session() throws Exception {
        if (session == null && openFailure == null) {
            try {
                session = kind.open(settings);
                if (session == null) {
                    throw new IllegalStateException("open returned no session");
                }
            } catch (final Exception ex) {
                openFailure = ex;
            }
        }
        if (openFailure != null) {
            throw new IllegalStateException(
                    "task kind '" + kind.name() + "' could not start: "
                            + (openFailure.getMessage() == null ? openFailure.toString() : openFailure.getMessage()),
                    openFailure);
        }
        return session;
    }

    /** Closes the session, if one was opened; a failure to close is logged, not thrown. */
    @Override
    public void close() {
        if (session == null) {
            return;
        }
        final Thread thread = Thread.currentThread();
        final ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(kindLoader);
        try {
            session.close();
        } catch (final Exception ex) {
            System.err.println("worker: closing task kind '" + kind.name() + "' failed: " + ex);
        } finally {
            session = null;
            thread.setContextClassLoader(before);
        }
    }
}
