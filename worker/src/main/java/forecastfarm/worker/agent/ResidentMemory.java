package forecastfarm.worker.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.core.OS;

/**
 * The worker's resident set size as the OS counts it: native memory (an ONNX Runtime session's, say) included, which
 * the heap never shows. Linux only: the second field of {@code /proc/self/statm}, in pages. The page size is the
 * JVM's ({@link OS#pageSize()}, the OS page size read once), not an assumed 4096, so that 64 KiB-page kernels count
 * right. One read is a small /proc file read: microseconds.
 */
public final class ResidentMemory {
    /** What {@link #residentBytes()} answers where the size cannot be read. */
    public static final long UNKNOWN = -1;

    static final Path STATM = Path.of("/proc/self/statm");

    private final Path statm;
    private final long pageBytes;

    public ResidentMemory() {
        this(STATM, OS.pageSize());
    }

    ResidentMemory(final Path statm, final long pageBytes) {
        this.statm = statm;
        this.pageBytes = pageBytes;
    }

    /**
     * @return the resident set size in bytes, or {@link #UNKNOWN} when the file cannot be read (not Linux).
     */
    public long residentBytes() {
        final String fields;
        try {
            fields = new String(Files.readAllBytes(statm), StandardCharsets.US_ASCII);
        } catch (final IOException | UnsupportedOperationException ex) {
            return UNKNOWN;
        }
        final long pages = residentPages(fields);
        return pages < 0 ? UNKNOWN : pages * pageBytes;
    }

    /** @return whether {@link #residentBytes()} can answer here. */
    public boolean available() {
        return residentBytes() != UNKNOWN;
    }

    /**
     * @param maxRssBytes the limit asked for (Long.MAX_VALUE: none).
     * @param log         where to say, once, that a limit cannot be checked here.
     * @return the limit, or none (Long.MAX_VALUE) where the resident set size cannot be read: the worker goes on.
     */
    public long checkableLimit(final long maxRssBytes, final PrintStream log) {
        if (maxRssBytes == Long.MAX_VALUE || available()) {
            return maxRssBytes;
        }
        log.println("worker: cannot read its resident set size from " + statm + " (Linux only): the RSS limit of "
                + maxRssBytes + " bytes (--max-worker-rss-mb) is not checked; the worker goes on without it");
        log.flush();
        return Long.MAX_VALUE;
    }

    /**
     * @param statm the text of {@code /proc/self/statm}: size, resident, shared, text, lib, data, dt (pages).
     * @return its resident field, or -1 when it has none.
     */
    static long residentPages(final String statm) {
        final String[] fields = statm.trim().split(" ");
        if (fields.length < 2) {
            return -1;
        }
        try {
            return Long.parseLong(fields[1]);
        } catch (final NumberFormatException ex) {
            return -1;
        }
    }
}
