package forecastfarm.launcher.farm;

import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code results/results.lock}: the launcher takes it exclusively while it opens (and may repair) the results map;
 * readers hold it shared while they have the map open, so a starting launcher never repairs the map under them.
 */
final class ResultsLock {
    private static final long RECOVERY_LOCK_WAIT_MS = 10_000;

    private ResultsLock() {}

    static Path file(final FarmDirectory farm) {
        return farm.resultsDir().resolve("results.lock");
    }

    static FileLock exclusive(final FarmDirectory farm) throws IOException {
        final FileChannel channel = FileChannel.open(file(farm), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        final long deadline = System.currentTimeMillis() + RECOVERY_LOCK_WAIT_MS;
        while (true) {
            final FileLock lock = channel.tryLock();
            if (lock != null) {
                return new ClosingLock(channel, lock);
            }
            if (System.currentTimeMillis() > deadline) {
                channel.close();
                throw new IOException("another process (an inspector?) keeps the results map open; close it and rerun");
            }
            sleepQuietly();
        }
    }

    /**
     * Holds {@code results.lock} shared while a reader has the map open, so a starting launcher does not repair the
     * map under it.
     */
    static FileLock shared(final FarmDirectory farm) throws IOException {
        final FileChannel channel = FileChannel.open(
                file(farm), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new ClosingLock(channel, channel.lock(0, Long.MAX_VALUE, true));
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A file lock that also closes its channel.
     */
    private static final class ClosingLock extends FileLock {
        private final FileLock lock;

        ClosingLock(final FileChannel channel, final FileLock lock) {
            super(channel, lock.position(), lock.size(), lock.isShared());
            this.lock = lock;
        }

        @Override
        public boolean isValid() {
            return lock.isValid();
        }

        @Override
        public void release() throws IOException {
            lock.release();
            channel().close();
        }
    }
}
