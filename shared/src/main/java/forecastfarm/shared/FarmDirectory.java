package forecastfarm.shared;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where everything of one farm lives. All farm files are owner-only (0700 folders, 0600 files): HPC nodes are
 * shared between users.
 *
 * <pre>
 *   farm-dir/
 *     farm.properties            the farm dir's layout (refused when another) and the results map's sizing
 *     launcher.lock              held (OS file lock) by the one launcher running on this farm dir
 *     status.dat                 heartbeats, states and counters (Agrona counters, see StatusFileDescriptor)
 *     jobs/ID.properties         one per job: what it is (checked when it is reopened), its owner, state and counts
 *     jobs/ID.series.tsv         a forecast job's series in input order with their forecast dates (farm inspect --id)
 *     results/results-G.cm       the persisted Chronicle Map of results keyed JOB/KEY, generation G (current one
 *                                named in status.dat)
 *     queues/run-R/in-S-gG/      tasks for worker slot S, generation G, launcher run R (written only by the launcher)
 *     queues/run-R/out-S-gG/     results of that worker (written only by that worker process)
 *     logs/worker-S-gG.log       that worker's stdout and stderr
 * </pre>
 */
public final class FarmDirectory {
    public static final Set<PosixFilePermission> DIR_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    private static final List<String> NETWORK_FILESYSTEMS =
            List.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "lustre", "gpfs", "beegfs", "fuse.sshfs", "ceph", "9p");

    private final Path root;

    public FarmDirectory(final Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path manifestFile() {
        return root.resolve("farm.properties");
    }

    public Path launcherLockFile() {
        return root.resolve("launcher.lock");
    }

    /**
     * {@code task-kinds.json}: written by the launcher of a {@code farm run} job before its workers start, read by
     * every worker at start: {@code {"task_jars": ["/abs/path.jar", ...], "settings": {...}}} (the user's task jars,
     * each loaded in its own class loader, and the job's settings given to {@code TaskKind.open}). Absent: no
     * plugins, empty settings.
     */
    public Path taskKindsFile() {
        return root.resolve("task-kinds.json");
    }

    /** {@code jobs/}: one {@code ID.properties} per job of the farm dir. */
    public Path jobsDir() {
        return root.resolve("jobs");
    }

    public Path jobFile(final String jobId) {
        return jobsDir().resolve(jobId + ".properties");
    }

    public Path seriesIndexFile(final String jobId) {
        return jobsDir().resolve(jobId + ".series.tsv");
    }

    public Path statusFile() {
        return root.resolve("status.dat");
    }

    public Path resultsDir() {
        return root.resolve("results");
    }

    public Path resultsMapFile(final int generation) {
        return resultsDir().resolve("results-" + generation + ".cm");
    }

    public Path queuesDir() {
        return root.resolve("queues");
    }

    public Path runQueuesDir(final long runId) {
        return queuesDir().resolve("run-" + runId);
    }

    public Path taskQueue(final long runId, final int slot, final int generation) {
        return runQueuesDir(runId).resolve("in-" + slot + "-g" + generation);
    }

    public Path resultQueue(final long runId, final int slot, final int generation) {
        return runQueuesDir(runId).resolve("out-" + slot + "-g" + generation);
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    public Path workerLog(final int slot, final int generation) {
        return logsDir().resolve("worker-" + slot + "-g" + generation + ".log");
    }

    /**
     * Creates the folders with owner-only permissions (tightening them if they exist).
     *
     * @throws UncheckedIOException naming the folder when it cannot be created.
     */
    public FarmDirectory createDirectories() {
        for (final Path dir : List.of(root, resultsDir(), queuesDir(), logsDir(), jobsDir())) {
            createOwnerOnlyDirectory(dir);
        }
        return this;
    }

    public static void createOwnerOnlyDirectory(final Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, DIR_PERMISSIONS);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot create farm folder " + dir + ": " + ex.getMessage(), ex);
        }
    }

    public static void makeOwnerOnlyFile(final Path file) {
        try {
            Files.setPosixFilePermissions(file, FILE_PERMISSIONS);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot set permissions of " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Opens a UTF-8 text file of the farm dir to append lines to, creating it readable by its owner only.
     *
     * @throws UncheckedIOException naming the file
     */
    public static BufferedWriter appendOwnerOnly(final Path file) {
        try {
            final BufferedWriter out = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            makeOwnerOnlyFile(file);
            return out;
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot open " + file + " to append to it: " + ex.getMessage(), ex);
        }
    }

    /**
     * Chronicle's memory-mapped files are not safe on network filesystems.
     *
     * @return the filesystem type when the farm dir is on a network filesystem, else empty.
     */
    public Optional<String> networkFilesystemType() {
        try {
            final String type = Files.getFileStore(root).type().toLowerCase(Locale.ROOT);
            return NETWORK_FILESYSTEMS.contains(type) ? Optional.of(type) : Optional.empty();
        } catch (final IOException ex) {
            return Optional.empty();
        }
    }
}
