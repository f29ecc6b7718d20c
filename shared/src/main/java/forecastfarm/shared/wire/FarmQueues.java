package forecastfarm.shared.wire;

import forecastfarm.shared.FarmDirectory;
import java.nio.file.Path;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * Opens the farm's queues with one configuration. Every queue has exactly one writing process in its lifetime:
 * a task queue belongs to one launcher run and one worker generation, a result queue to one worker process. So a
 * process killed mid-write never leaves a lock that another writer would wait on.
 */
public final class FarmQueues {
    /**
     * Chronicle limits one message to a quarter of the block; the files are sparse, so a large block costs little.
     */
    private static final long BLOCK_SIZE_BYTES = 64L << 20;

    public static final int MAX_MESSAGE_BYTES = 8 << 20;

    /**
     * How stale a reader's view of the queue's files may get. Chronicle's default, 60 s, made a worker that opened
     * its task queue before the launcher wrote the first task (the launcher now starts workers before it has tasks)
     * wait a minute before it saw any; the same would stall a reader at every daily roll.
     */
    static final long DIRECTORY_LISTING_REFRESH_MS = 50;

    private FarmQueues() {}

    public static ChronicleQueue open(final Path dir) {
        FarmDirectory.createOwnerOnlyDirectory(dir);
        return SingleChronicleQueueBuilder.binary(dir)
                .blockSize(BLOCK_SIZE_BYTES)
                .forceDirectoryListingRefreshIntervalMs(DIRECTORY_LISTING_REFRESH_MS)
                .build();
    }
}
