package forecastfarm.launcher.farm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * The thread that does the puts. The conductor collects a duty cycle's puts and hands them over as one batch
 * ({@link #publish()}), so the writer is woken once per batch rather than once per result.
 */
final class MapWriter implements Runnable {
    /** A put, or a removal when {@code value} is null. */
    record Entry(String key, byte[] value) {
        void applyTo(final ChronicleMap<CharSequence, byte[]> map) {
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }
    }

    private static final List<Entry> STOP = java.util.Collections.unmodifiableList(new ArrayList<>());

    private final ChronicleMap<CharSequence, byte[]> map;
    private final KeyJournal journal;
    private final LinkedBlockingQueue<List<Entry>> batches = new LinkedBlockingQueue<>();
    private final Thread thread;
    private List<Entry> pending = new ArrayList<>();
    private volatile List<Entry> current;
    private volatile long currentSinceNs;
    private volatile boolean abandoned;
    private volatile Throwable error;
    private volatile long enqueued;
    private volatile long completed;

    /**
     * @param journal where the keys put are listed (see {@link KeyJournal}); closed when the writer stops.
     */
    MapWriter(final ChronicleMap<CharSequence, byte[]> map, final KeyJournal journal, final int generation) {
        this.map = map;
        this.journal = journal;
        thread = new Thread(this, "results-map-writer-g" + generation);
        thread.setDaemon(true);
        thread.start();
    }

    void enqueue(final String key, final byte[] value) {
        pending.add(new Entry(key, value));
    }

    /**
     * Called by the conductor thread only.
     *
     * @return 1 when a batch was handed over, else 0.
     */
    int publish() {
        if (pending.isEmpty()) {
            return 0;
        }
        enqueued += pending.size();
        batches.add(pending);
        pending = new ArrayList<>();
        return 1;
    }

    /** @return puts and removals handed over or pending but not yet applied to the map (conductor thread). */
    long backlog() {
        return enqueued - completed + pending.size();
    }

    long currentPutSinceNs() {
        return currentSinceNs;
    }

    boolean idle() {
        return pending.isEmpty() && completed == enqueued;
    }

    Throwable error() {
        return error;
    }

    /**
     * @return every entry not known to be written: the batch in progress, the queued ones and the pending ones.
     */
    synchronized List<Entry> abandon() {
        abandoned = true;
        final List<Entry> unwritten = new ArrayList<>();
        final List<Entry> stuck = current;
        if (stuck != null) {
            unwritten.addAll(stuck);
        }
        for (List<Entry> batch = batches.poll(); batch != null; batch = batches.poll()) {
            unwritten.addAll(batch);
        }
        unwritten.addAll(pending);
        pending = new ArrayList<>();
        return unwritten;
    }

    void stop() {
        batches.add(STOP);
        try {
            thread.join(5_000);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes the next batch and makes it current in one step with respect to {@link #abandon()}, so an entry is
     * always pending, queued, current, or written.
     */
    private List<Entry> take() throws InterruptedException {
        final List<Entry> next = batches.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (next == null) {
            return null;
        }
        synchronized (this) {
            if (abandoned) {
                if (next != STOP) {
                    batches.add(next);
                }
                return STOP;
            }
            if (next != STOP) {
                current = next;
                currentSinceNs = System.nanoTime();
            }
            return next;
        }
    }

    @Override
    public void run() {
        try {
            writeBatches();
        } finally {
            try {
                journal.close();
            } catch (final RuntimeException ex) {
                error = ex;
            }
        }
    }

    private void writeBatches() {
        while (!abandoned) {
            final List<Entry> batch;
            try {
                batch = take();
            } catch (final InterruptedException ex) {
                return;
            }
            if (batch == STOP) {
                return;
            }
            if (batch == null) {
                continue;
            }
            for (final Entry entry : batch) {
                try {
                    entry.applyTo(map);
                    if (entry.value() != null) {
                        journal.add(entry.key());
                    }
                } catch (final Throwable ex) {
                    if (abandoned) {
                        return;
                    }
                    error = ex;
                }
            }
            try {
                journal.flush();
            } catch (final RuntimeException ex) {
                error = ex;
            }
            currentSinceNs = 0;
            current = null;
            completed += batch.size(); // only this thread completes
        }
    }
}
