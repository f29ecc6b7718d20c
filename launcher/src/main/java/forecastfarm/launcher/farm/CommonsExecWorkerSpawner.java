package forecastfarm.launcher.farm;

import forecastfarm.api.WorkerThreads;
import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.JvmFlags;
import forecastfarm.shared.WorkerArgs;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Starts worker JVMs with Apache Commons Exec, argument by argument (no shell), with the farm's JVM flags, their
 * output in {@code logs/worker-S-gG.log}; the exit is handed to the conductor's event queue.
 */
public final class CommonsExecWorkerSpawner implements WorkerSpawner {
    private static final long LAUNCH_WAIT_SECONDS = 30;

    private final FarmContext ctx;
    private final FarmDirectory farm;
    private final long runId;
    private final Consumer<FarmEvent> events;
    private final Path classCache;

    /**
     * @param classCache the workers' class data sharing archive, or null for none (see {@link WorkerClassCache}).
     */
    public CommonsExecWorkerSpawner(
            final FarmContext ctx, final long runId, final Consumer<FarmEvent> events, final Path classCache) {
        this.ctx = ctx;
        this.classCache = classCache;
        this.farm = ctx.farmDirectory();
        this.runId = runId;
        this.events = events;
    }

    @Override
    public ProcessHandle spawn(final int slot, final int generation) {
        final CommandLine command = commandLine(slot, generation);
        final Path log = farm.workerLog(slot, generation);
        try {
            final OutputStream logOut = Files.newOutputStream(
                    log, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            FarmDirectory.makeOwnerOnlyFile(log);
            final ProcessCapturingExecutor executor = new ProcessCapturingExecutor();
            executor.setStreamHandler(new PumpStreamHandler(logOut));
            executor.setExitValues(null);
            executor.execute(command, new ExitReporter(slot, generation, logOut, executor));
            return executor.awaitProcess().toHandle();
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot start worker " + slot + ": " + ex.getMessage(), ex);
        }
    }

    CommandLine commandLine(final int slot, final int generation) {
        final List<String> jvm = WorkerClassCache.jvm(ctx);
        final CommandLine command = new CommandLine(jvm.get(0));
        for (final String flag : jvm.subList(1, jvm.size())) {
            command.addArgument(flag, false);
        }
        if (classCache != null) {
            for (final String flag : JvmFlags.forClassCache(classCache)) {
                command.addArgument(flag, false);
            }
        }
        command.addArgument("-XX:+ExitOnOutOfMemoryError", false);
        command.addArgument("-D" + WorkerThreads.PROPERTY + "=" + ctx.workerThreads(), false);
        command.addArgument("-XX:ErrorFile=" + farm.logsDir().resolve("hs_err_worker_%p.log"), false);
        command.addArgument("-cp", false);
        command.addArgument(ctx.workerClasspath(), false);
        command.addArgument(WorkerArgs.MAIN_CLASS, false);
        final WorkerArgs args = new WorkerArgs(
                farm.root(),
                runId,
                slot,
                generation,
                ProcessHandle.current().pid(),
                ctx.maxTasksPerWorker(),
                ctx.maxWorkerHeapBytes(),
                ctx.maxWorkerRssBytes(),
                ctx.heartbeatIntervalMs());
        for (final String arg : args.toArgs()) {
            command.addArgument(arg, false);
        }
        return command;
    }

    /**
     * Commons Exec does not hand out the started {@link Process}; its protected launch hook does.
     */
    private static final class ProcessCapturingExecutor extends DefaultExecutor {
        private final CompletableFuture<Process> process = new CompletableFuture<>();

        @Override
        protected Process launch(final CommandLine command, final Map<String, String> env, final File dir)
                throws IOException {
            final Process started = super.launch(command, env, dir);
            process.complete(started);
            return started;
        }

        @Override
        protected Process launch(final CommandLine command, final Map<String, String> env, final Path dir)
                throws IOException {
            final Process started = super.launch(command, env, dir);
            process.complete(started);
            return started;
        }

        /**
         * Commons Exec starts the process on its own thread when run asynchronously.
         */
        Process awaitProcess() throws IOException {
            try {
                return process.get(LAUNCH_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (final ExecutionException ex) {
                throw new IOException(ex.getCause().getMessage(), ex.getCause());
            } catch (final InterruptedException | TimeoutException ex) {
                throw new IOException("the worker process did not start: " + ex, ex);
            }
        }

        void launchFailed(final Exception ex) {
            process.completeExceptionally(ex);
        }
    }

    private final class ExitReporter implements ExecuteResultHandler {
        private final int slot;
        private final int generation;
        private final OutputStream log;
        private final ProcessCapturingExecutor executor;

        ExitReporter(
                final int slot, final int generation, final OutputStream log, final ProcessCapturingExecutor executor) {
            this.slot = slot;
            this.generation = generation;
            this.log = log;
            this.executor = executor;
        }

        @Override
        public void onProcessComplete(final int exitValue) {
            report(exitValue);
        }

        @Override
        public void onProcessFailed(final ExecuteException ex) {
            executor.launchFailed(ex);
            report(ex.getExitValue());
        }

        private void report(final int exitValue) {
            try {
                log.close();
            } catch (final IOException ignored) {
                // the log is best effort; the exit matters more
            }
            events.accept(new FarmEvent.WorkerExited(slot, generation, exitValue));
        }
    }
}
