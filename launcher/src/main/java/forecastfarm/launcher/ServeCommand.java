package forecastfarm.launcher;

import forecastfarm.launcher.farm.ModelPlugins;
import forecastfarm.launcher.serve.AllowedDirs;
import forecastfarm.launcher.serve.PemTls;
import forecastfarm.launcher.serve.ServeOptions;
import forecastfarm.launcher.serve.Server;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code farm serve}: a standing farm that takes jobs over HTTP until SIGTERM (see {@link Server}). Its farm options
 * are the forecast command's ({@link FarmOptions}).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        defaultValueProvider = FarmCli.FarmDefaults.class,
        description = "Run a standing farm with warm workers that takes jobs (forecast jobs and task jobs) over an"
                + " HTTP/JSON API until SIGTERM; <farm-dir>/serve.url and <farm-dir>/api-token say where and how.")
final class ServeCommand implements Callable<Integer> {
    static final String LISTEN_DEFAULT = "127.0.0.1:7070";
    /**
     * A served farm recycles its workers this often unless told otherwise: each recycled generation's queues are
     * deleted, which keeps the disk of a farm that runs for weeks bounded.
     */
    static final long SERVE_MAX_TASKS_PER_WORKER = 10_000;
    /**
     * A served farm idle this long recycles the workers whose queues hold a megabyte or more, so that its disk comes
     * back down between bursts of jobs, not only every {@link #SERVE_MAX_TASKS_PER_WORKER} tasks.
     */
    static final long SERVE_IDLE_RECYCLE_MS = 5_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    FarmCli parent;

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            defaultValue = LISTEN_DEFAULT,
            description = "where to listen (default ${DEFAULT-VALUE}; port 0 picks a free one): a loopback address,"
                    + " or any address (0.0.0.0 for all) with --tls-cert and --tls-key")
    String listen;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description =
                    "serve HTTPS with this certificate chain (PEM, the server's certificate first); with --tls-key")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "the private key of --tls-cert (PEM PKCS#8, 'BEGIN PRIVATE KEY', RSA or EC, unencrypted)")
    Path tlsKey;

    @Option(
            names = "--allow-dir",
            paramLabel = "DIR",
            description = "forecast jobs may name an \"input\" file under DIR (real path, symlinks resolved), read"
                    + " by the server (repeatable; default: none, files are refused)")
    List<Path> allowDirs = new ArrayList<>();

    @Option(
            names = "--retention",
            defaultValue = "24h",
            description = "how long an ended job and its results are kept before they are deleted (default"
                    + " ${DEFAULT-VALUE})")
    String retention;

    @Option(
            names = "--task-jar",
            paramLabel = "JAR",
            description = "a jar of your task kinds, for task jobs of its kinds (repeatable)")
    List<Path> taskJars = new ArrayList<>();

    @Option(
            names = "--settings",
            paramLabel = "JSON|@FILE",
            description = "the settings each task kind gets when a worker opens it (default {})")
    String settings;

    @Option(
            names = "--max-body-mb",
            defaultValue = "64",
            description = "the largest request body accepted, in MiB (default ${DEFAULT-VALUE})")
    int maxBodyMb;

    @Option(
            names = "--max-jobs",
            defaultValue = "1000",
            description = "jobs queued or running at most; more get 429 (default ${DEFAULT-VALUE})")
    int maxJobs;

    @Option(
            names = "--max-response-time",
            paramLabel = "DURATION",
            defaultValue = "5m",
            description = "a response not complete after this is cut, so a client that stops reading holds its"
                    + " connection and thread no longer; an event stream ends itself before, with 'dropped', and"
                    + " its client resumes with Last-Event-ID (default ${DEFAULT-VALUE}; whole seconds, 2s or more)")
    String maxResponseTime;

    @Option(
            names = "--max-client-tasks",
            paramLabel = "N",
            description = "a client's tasks dispatched to workers at once at most, across all its jobs; its other"
                    + " tasks wait while other clients' tasks use the free workers, so a client alone on the farm"
                    + " leaves the workers beyond N idle (default: no cap)")
    Integer maxClientTasks;

    @CommandLine.Mixin
    FarmOptions farm;

    @Override
    public Integer call() throws Exception {
        final List<Path> jars = new ArrayList<>();
        for (final Path jar : taskJars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--task-jar " + jar + " does not exist or is not a file");
            }
            jars.add(jar.toAbsolutePath().normalize());
        }
        if (maxBodyMb < 1 || maxJobs < 1) {
            throw new IllegalArgumentException("--max-body-mb and --max-jobs must be 1 or more");
        }
        final long maxResponseMs = Durations.toMillis(maxResponseTime);
        if (maxResponseMs < 2_000) {
            throw new IllegalArgumentException("--max-response-time must be 2s or more, got " + maxResponseTime);
        }
        if (maxClientTasks != null && maxClientTasks < 1) {
            throw new IllegalArgumentException("--max-client-tasks must be 1 or more, got " + maxClientTasks);
        }
        final SSLContext tls = tls(tlsCert, tlsKey);
        final ServeOptions options = new ServeOptions(
                address(listen, tls != null),
                tls,
                AllowedDirs.of(allowDirs),
                Durations.toMillis(retention),
                List.copyOf(jars),
                RunCommand.parseSettings(settings),
                maxBodyMb << 20,
                maxJobs,
                maxResponseMs);
        final forecastfarm.launcher.farm.FarmContext ctx =
                farm.farmContext(FarmCli.defaultFarmBase().resolve("serve"), false);
        if (!spec.commandLine().getParseResult().hasMatchedOption("--max-tasks-per-worker")) {
            ctx.maxTasksPerWorker(SERVE_MAX_TASKS_PER_WORKER);
        }
        if (maxClientTasks != null) {
            ctx.maxTasksInFlightPerOwner(maxClientTasks);
        }
        ctx.idleRecycleMs(SERVE_IDLE_RECYCLE_MS);
        ModelPlugins.addBuiltJars(ctx);
        return Server.run(options, ctx, parent.out());
    }

    /**
     * @return the TLS identity of --tls-cert and --tls-key, or null when neither is given.
     * @throws IllegalArgumentException when only one is given, or naming the file that cannot be used.
     */
    static SSLContext tls(final Path cert, final Path key) {
        if (cert == null && key == null) {
            return null;
        }
        if (cert == null || key == null) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both, the certificate chain"
                    + " and its private key (PEM), or neither for plain HTTP on a loopback address");
        }
        return PemTls.context(cert, key);
    }

    /**
     * @param tls whether it serves HTTPS: an address other than loopback needs it.
     * @throws IllegalArgumentException for a malformed address, or one that is not loopback without TLS.
     */
    static InetSocketAddress address(final String text, final boolean tls) {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("--listen " + text + ": HOST:PORT expected, e.g. " + LISTEN_DEFAULT);
        }
        final String host = text.substring(0, colon).replace("[", "").replace("]", "");
        final int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (final NumberFormatException ex) {
            throw new IllegalArgumentException(
                    "--listen " + text + ": the port must be a number, e.g. " + LISTEN_DEFAULT);
        }
        final InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (final UnknownHostException ex) {
            throw new IllegalArgumentException("--listen " + text + ": unknown host " + host);
        }
        if (!address.isLoopbackAddress() && !tls) {
            throw new IllegalArgumentException("--listen " + text + ": an address other than loopback (127.0.0.1,"
                    + " ::1) needs TLS, or the token and the jobs would cross the network in clear: give --tls-cert"
                    + " FILE --tls-key FILE (PEM), or keep the default " + LISTEN_DEFAULT + " and reach the farm"
                    + " through an SSH tunnel (ssh -L 7070:127.0.0.1:7070 HOST)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--listen " + text + ": port out of range");
        }
        return new InetSocketAddress(address, port);
    }
}
