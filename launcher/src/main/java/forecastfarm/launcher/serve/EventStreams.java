package forecastfarm.launcher.serve;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event streams of a server: at most {@link #MAX_OPEN} open at once (each holds a thread while it follows its job),
 * and how each one ended, for {@code /metrics} and the log.
 */
final class EventStreams {
    /** Event streams open at once at most: each holds a thread while it follows its job. */
    static final int MAX_OPEN = 2_000;
    /** A write blocked this long before the connection failed: the client had stopped reading, and was cut. */
    private static final long STALLED_WRITE_MS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);

    private final AtomicInteger open = new AtomicInteger();
    private final Map<JobEvents.Ending, LongAdder> ended = new EnumMap<>(JobEvents.Ending.class);

    EventStreams() {
        for (final JobEvents.Ending ending : JobEvents.Ending.values()) {
            ended.put(ending, new LongAdder());
        }
    }

    /** @return true when the stream may open; then {@link #closed} must follow. */
    boolean tryOpen() {
        if (open.incrementAndGet() > MAX_OPEN) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    void closed() {
        open.decrementAndGet();
    }

    /** Counts how a stream of the job ended, and says so in the log when the client has something to do about it. */
    void ended(final ServedJob job, final JobEvents.Outcome outcome) {
        ended.get(outcome.ending()).increment();
        switch (outcome.ending()) {
            case BEHIND ->
                LOG.info(
                        "event stream of job {} (client {}) dropped: more than {} KiB behind the results; it may resume"
                                + " after id {}",
                        job.id(),
                        job.client(),
                        JobEvents.MAX_LAG_BYTES >> 10,
                        outcome.lastId());
            case BROKEN -> {
                if (outcome.writeBlockMs() >= STALLED_WRITE_MS) {
                    LOG.info(
                            "event stream of job {} (client {}) cut: the client stopped reading and its write was"
                                    + " blocked {} ms until the response time limit; it may resume after id {}",
                            job.id(),
                            job.client(),
                            outcome.writeBlockMs(),
                            outcome.lastId());
                } else {
                    LOG.debug("event stream of job {} ended: the client went away", job.id());
                }
            }
            default -> {}
        }
    }

    /** Prometheus text: streams open, and ended by how. */
    String metrics() {
        final StringBuilder text = new StringBuilder()
                .append("# HELP farm_event_streams_open Event streams open now.\n")
                .append("# TYPE farm_event_streams_open gauge\nfarm_event_streams_open ")
                .append(open.get())
                .append('\n')
                .append("# HELP farm_event_streams_ended_total Event streams ended, by how: end (the job's end),"
                        + " behind and time_limit (dropped, resumable), broken (the client went away or stopped"
                        + " reading and was cut).\n")
                .append("# TYPE farm_event_streams_ended_total counter\n");
        ended.forEach((ending, count) -> text.append("farm_event_streams_ended_total{how=\"")
                .append(ending.name().toLowerCase(Locale.ROOT))
                .append("\"} ")
                .append(count.sum())
                .append('\n'));
        return text.toString();
    }
}
