package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * The one launcher of a farm dir: an OS lock on {@code launcher.lock}, which also holds the launcher's pid so that a
 * second launcher can say which process to wait for. Taken before anything else (before the input is read and before
 * any worker starts), so a busy farm dir is refused at once; released when the launcher closes it or dies.
 */
public final class FarmLock implements AutoCloseable {
    private final FarmDirectory farm;
    private final boolean freshFarmDir;
    private final FileChannel channel;
    private final FileLock lock;

    private FarmLock(
            final FarmDirectory farm, final boolean freshFarmDir, final FileChannel channel, final FileLock lock) {
        this.farm = farm;
        this.freshFarmDir = freshFarmDir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the farm dir if needed and locks it.
     *
     * @throws FarmException naming the farm dir and the running launcher's pid when another launcher holds it.
     */
    public static FarmLock acquire(final FarmDirectory farm) {
        final boolean fresh = !Files.exists(farm.root());
        farm.createDirectories();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    farm.launcherLockFile(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            final FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new FarmException(busyMessage(farm, readPid(channel)));
            }
            FarmDirectory.makeOwnerOnlyFile(farm.launcherLockFile());
            final byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new FarmLock(farm, fresh, channel, lock);
        } catch (final IOException | RuntimeException ex) {
            closeQuietly(channel);
            if (ex instanceof FarmException farmException) {
                throw farmException;
            }
            throw new FarmException("cannot lock farm dir " + farm.root() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param pid the running launcher's pid, or 0 when it has not written it yet.
     */
    static String busyMessage(final FarmDirectory farm, final long pid) {
        return "farm dir " + farm.root() + " is busy: "
                + (pid > 0 ? "launcher pid " + pid : "another launcher") + " is running there; wait for it to"
                + " finish (scripts/farm inspect --farm-dir " + farm.root() + " shows its progress), or use another"
                + " --farm-dir";
    }

    /**
     * @return the lock, or null when another launcher holds it (another process, or this one: a second farm embedded
     *     in the same JVM).
     */
    private static FileLock tryLock(final FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (final OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static long readPid(final FileChannel channel) throws IOException {
        final ByteBuffer bytes = ByteBuffer.allocate(32);
        channel.read(bytes, 0);
        try {
            return Long.parseLong(new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).trim());
        } catch (final NumberFormatException notYetWritten) {
            return 0;
        }
    }

    public FarmDirectory farm() {
        return farm;
    }

    /**
     * @return true when this lock created the farm dir (an abandoned run then removes it again).
     */
    public boolean freshFarmDir() {
        return freshFarmDir;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (final IOException ignored) {
            // the lock goes with the channel
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(final FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (final IOException ignored) {
                // nothing more to release
            }
        }
    }
}
