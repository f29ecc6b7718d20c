package forecastfarm.launcher.serve;

import forecastfarm.launcher.api.TaskFarm;
import forecastfarm.launcher.cli.ExitCodes;
import forecastfarm.launcher.farm.FarmContext;
import forecastfarm.launcher.farm.FarmLock;
import forecastfarm.launcher.io.TimeSettings;
import forecastfarm.launcher.run.TaskKinds;
import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code farm serve}: takes the farm dir, starts the workers, reopens the jobs an earlier server accepted and had not
 * finished, and serves the API ({@link FarmServer}) until SIGTERM or SIGINT, then drains: no new jobs, running tasks
 * finish, the workers stop; jobs not finished continue when the server starts again. Ended jobs are deleted once
 * their retention has passed.
 */
public final class Server {
    /** In the farm dir while a server is up: the base URL it serves at. */
    public static final String URL_FILE = "serve.url";
    /** In the farm dir: the {@code default} client's bearer token (owner-only). */
    public static final String TOKEN_FILE = "api-token";

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final long MAX_SWEEP_INTERVAL_MS = 60_000;
    /** The results map of a new served farm: room for this many results at first; it grows with the jobs. */
    private static final long MAP_RESULTS = 10_000;

    private static final int MAP_KEY_BYTES = 32;
    private static final int MAP_RESULT_BYTES = 1_024;

    private Server() {}

    /** @return the exit code; returns only when the farm cannot start (a signal ends the JVM). */
    public static int run(final ServeOptions options, final FarmContext ctx, final PrintStream console)
            throws IOException, InterruptedException {
        ctx.conclude();
        final Map<String, String> kinds = TaskKinds.list(ctx, options.taskJars());
        final FarmLock lock = FarmLock.acquire(ctx.farmDirectory());
        final FarmDirectory farmDir = lock.farm();
        try {
            TaskKinds.writeFile(farmDir, options.taskJars(), options.settings());
        } catch (final IOException ex) {
            lock.close();
            throw ex;
        }
        final TaskFarm farm = TaskFarm.builder(ctx)
                .lockedFarmDir(lock)
                .resultsMapFor(MAP_RESULTS, MAP_KEY_BYTES, MAP_RESULT_BYTES)
                .start();
        final ApiTokens tokens = ApiTokens.loadOrCreate(farmDir);
        final JobBook book = new JobBook(farmDir, farm, kinds, TimeSettings.DEFAULT, options.retentionMs());
        final int reopened = book.recover();
        final Submissions submissions =
                new Submissions(book, kinds, TimeSettings.DEFAULT, options.inputDirs(), options.maxJobs());
        final FarmServer server = FarmServer.start(
                options.listen(),
                options.tls(),
                tokens,
                book,
                submissions,
                farmDir,
                options.maxBodyBytes(),
                options.maxResponseMs());
        final InboxAgent inbox = InboxAgent.start(farmDir.root(), tokens, submissions);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> drain(server, submissions, inbox, book, farm, farmDir, stopped), "serve-drain"));
        console.printf(
                "serving farm dir %s at %s on %d workers (token in %s); %d accepted jobs continue%n",
                farmDir.root(), server.url(), ctx.workers(), ApiTokens.file(farmDir), reopened);
        console.flush();
        // last: a client that finds serve.url finds a server ready for it, and the whole URL (renamed into place)
        final java.nio.file.Path urlFile = farmDir.root().resolve(URL_FILE);
        final java.nio.file.Path urlTmp = farmDir.root().resolve(URL_FILE + ".tmp");
        Files.writeString(urlTmp, server.url() + "\n");
        FarmDirectory.makeOwnerOnlyFile(urlTmp);
        Files.move(
                urlTmp,
                urlFile,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        final long sweepMs = Math.max(100, Math.min(MAX_SWEEP_INTERVAL_MS, options.retentionMs() / 4));
        while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(sweepMs);
            final int expired = book.expire(System.currentTimeMillis());
            if (expired > 0) {
                LOG.info("{} jobs past their retention deleted", expired);
            }
        }
        stopped.await();
        return ExitCodes.OK;
    }

    private static void drain(
            final FarmServer server,
            final Submissions submissions,
            final InboxAgent inbox,
            final JobBook book,
            final TaskFarm farm,
            final FarmDirectory farmDir,
            final CountDownLatch stopped) {
        LOG.info("draining: no new jobs; running tasks finish; unfinished jobs continue at the next start");
        submissions.stopAccepting();
        try {
            inbox.close();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        book.stopping();
        farm.stop("server stopping");
        try {
            farm.close();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException ex) {
            LOG.error("the farm did not stop cleanly: {}", ex.getMessage());
        }
        server.close();
        try {
            Files.deleteIfExists(farmDir.root().resolve(URL_FILE));
        } catch (final IOException ignored) {
            // a stale serve.url names a port nobody listens on
        }
        stopped.countDown();
        // a drain is how a server ends: exit 0, not the 143 of a JVM ended by SIGTERM
        Runtime.getRuntime().halt(ExitCodes.OK);
    }
}
