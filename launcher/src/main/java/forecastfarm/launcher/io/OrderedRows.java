package forecastfarm.launcher.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Puts rows that arrive out of order (results in completion order) back in the order of a key (the series' position
 * in the input), in bounded memory: a reorder buffer that hands rows to the sink as soon as the caller
 * {@link #release releases} their key, and that, when it holds more than its budget, spills its rows as a sorted run
 * to a temporary file. Released rows are then merged from the runs and the buffer. Rows with equal keys keep their
 * arrival order.
 *
 * <p>Results come back nearly in input order, so most rows pass through the buffer once and no run is written; a
 * series that takes long holds the rows behind it, and those spill. Memory: the budget, plus one row per run. Disk:
 * the spilled rows, once, in {@code spillDir} ({@code .NAME.order-*.tmp}), deleted as they are merged and by
 * {@link #finish()} or {@link #abort()}. Not thread-safe.
 */
public final class OrderedRows implements AutoCloseable {
    /** The buffer's default budget, in estimated heap bytes. */
    public static final long DEFAULT_BUFFER_BYTES = 16L << 20;

    private final Path spillDir;
    private final String name;
    private final long bufferBytes;
    private final CarryOver.RowSink sink;
    private final TreeMap<Long, List<String[]>> buffer = new TreeMap<>();
    private final List<Run> runs = new ArrayList<>();
    private final PriorityQueue<Run> heads =
            new PriorityQueue<>(Comparator.comparingLong((Run r) -> r.headKey).thenComparingInt(r -> r.number));
    private long buffered;
    private long spilledRows;
    private long released = Long.MIN_VALUE;

    /**
     * @param spillDir    where runs are written (a folder of the output, so the space is the output's).
     * @param name        the output's file name, for the runs' names and messages.
     * @param bufferBytes the buffer's budget in estimated heap bytes.
     * @param sink        gets the rows in key order.
     */
    public OrderedRows(final Path spillDir, final String name, final long bufferBytes, final CarryOver.RowSink sink) {
        this.spillDir = spillDir;
        this.name = name;
        this.bufferBytes = bufferBytes;
        this.sink = sink;
    }

    /**
     * Adds a row. Its key must not be below a key already released.
     *
     * @throws IllegalStateException when the key was already released (its rows are written).
     * @throws IOException           when a run cannot be written (names the folder).
     */
    public void add(final long key, final String[] row) throws IOException {
        if (key < released) {
            throw new IllegalStateException(
                    name + ": a row for key " + key + " came after key " + released + " was released");
        }
        buffer.computeIfAbsent(key, k -> new ArrayList<>(4)).add(row);
        buffered += estimatedBytes(row);
        if (buffered > bufferBytes) {
            spill();
        }
    }

    /**
     * Every row with a key below {@code below} has been added: hand them to the sink, in order.
     */
    public void release(final long below) throws IOException {
        if (below <= released) {
            return;
        }
        released = below;
        while (true) {
            final Run run = heads.peek();
            final Map.Entry<Long, List<String[]>> first = buffer.firstEntry();
            final boolean fromRun =
                    run != null && run.headKey < below && (first == null || run.headKey <= first.getKey());
            if (fromRun) {
                heads.poll();
                sink.accept(run.head);
                if (run.advance()) {
                    heads.add(run);
                } else {
                    run.delete();
                }
            } else if (first != null && first.getKey() < below) {
                buffer.pollFirstEntry();
                for (final String[] row : first.getValue()) {
                    buffered -= estimatedBytes(row);
                    sink.accept(row);
                }
            } else {
                return;
            }
        }
    }

    /** Hands every remaining row to the sink, in order, and deletes the runs. */
    public void finish() throws IOException {
        release(Long.MAX_VALUE);
        flushMaxKey();
        close();
    }

    private void flushMaxKey() throws IOException {
        // Long.MAX_VALUE itself (rows of unknown position) is never below a release bound
        final List<String[]> last = buffer.remove(Long.MAX_VALUE);
        final List<Run> left = new ArrayList<>(heads);
        left.sort(Comparator.comparingInt(r -> r.number));
        for (final Run run : left) {
            do {
                sink.accept(run.head);
            } while (run.advance());
        }
        heads.clear();
        if (last != null) {
            for (final String[] row : last) {
                sink.accept(row);
            }
        }
    }

    /** Rows written to runs so far (for tests and the log). */
    public long spilledRows() {
        return spilledRows;
    }

    /** Drops everything: the runs are deleted. */
    public void abort() {
        buffer.clear();
        close();
    }

    /** Deletes the runs. */
    @Override
    public void close() {
        for (final Run run : runs) {
            run.delete();
        }
        runs.clear();
        heads.clear();
    }

    private void spill() throws IOException {
        final Path file;
        try {
            file = Files.createTempFile(spillDir, "." + name + ".order-", ".tmp");
        } catch (final IOException ex) {
            throw AtomicFile.wrap("cannot write a sorted run of " + name + " to " + spillDir, ex);
        }
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (final Map.Entry<Long, List<String[]>> entry : buffer.entrySet()) {
                for (final String[] row : entry.getValue()) {
                    out.writeLong(entry.getKey());
                    out.writeInt(row.length);
                    for (final String field : row) {
                        final byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                        out.writeInt(bytes.length);
                        out.write(bytes);
                    }
                    spilledRows++;
                }
            }
        } catch (final IOException ex) {
            Files.deleteIfExists(file);
            throw AtomicFile.wrap("cannot write a sorted run of " + name + " to " + spillDir, ex);
        }
        buffer.clear();
        buffered = 0;
        final Run run = new Run(file, runs.size());
        runs.add(run);
        if (run.advance()) {
            heads.add(run);
        }
    }

    private static long estimatedBytes(final String[] row) {
        long bytes = 16 + 4L * row.length;
        for (final String field : row) {
            bytes += 40 + field.length();
        }
        return bytes;
    }

    /** A sorted run on disk, read one row ahead. */
    private static final class Run {
        final Path file;
        final int number;
        DataInputStream in;
        long headKey;
        String[] head;

        Run(final Path file, final int number) throws IOException {
            this.file = file;
            this.number = number;
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        }

        /** @return false at the end of the run (then closed). */
        boolean advance() throws IOException {
            try {
                headKey = in.readLong();
            } catch (final EOFException end) {
                in.close();
                head = null;
                return false;
            }
            final String[] row = new String[in.readInt()];
            for (int i = 0; i < row.length; i++) {
                final byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                row[i] = new String(bytes, StandardCharsets.UTF_8);
            }
            head = row;
            return true;
        }

        void delete() {
            try {
                in.close();
                Files.deleteIfExists(file);
            } catch (final IOException ignored) {
                // a temporary file of ours; the folder is the output's
            }
        }
    }
}
