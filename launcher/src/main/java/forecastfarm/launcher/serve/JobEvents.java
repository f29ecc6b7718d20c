package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * {@code GET /v1/jobs/{id}/events}: Server-Sent Events of one job. Each result line is an event {@code result} whose
 * id is its line number in the job's results file, so a client that reconnects with {@code Last-Event-ID: N} gets
 * the lines after N and nothing twice; {@code progress} ({@code state, tasks, done, ok, failed}) comes every
 * {@link #PROGRESS_INTERVAL_MS} and {@code end} (the job's summary) closes the stream. The stream follows the
 * results file rather than a queue in memory: a slow reader falls behind in the file, holds only its own connection,
 * and never slows the farm.
 */
final class JobEvents {
    static final long PROGRESS_INTERVAL_MS = 1_000;
    private static final long POLL_MS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobEvents() {}

    /**
     * Streams the job's events until it ended and every line was sent, or the client went away.
     *
     * @param lastEventId the {@code Last-Event-ID} the client sent, or 0.
     */
    static void stream(final ServedJob job, final long lastEventId, final OutputStream out)
            throws IOException, InterruptedException {
        long line = 0;
        long offset = 0;
        long lastProgressMs = 0;
        final StringBuilder partial = new StringBuilder();
        for (; ; ) {
            final boolean ended = job.isEnded();
            if (Files.exists(job.resultsFile())) {
                try (RandomAccessFile file =
                        new RandomAccessFile(job.resultsFile().toFile(), "r")) {
                    if (file.length() < offset) {
                        // the job was reopened after a restart and its file rewritten from the start
                        offset = 0;
                        line = 0;
                        partial.setLength(0);
                    }
                    file.seek(offset);
                    final byte[] chunk = new byte[(int) Math.min(1 << 20, file.length() - offset)];
                    file.readFully(chunk);
                    offset += chunk.length;
                    partial.append(new String(chunk, StandardCharsets.UTF_8));
                }
                for (int end = partial.indexOf("\n"); end >= 0; end = partial.indexOf("\n")) {
                    final String text = partial.substring(0, end);
                    partial.delete(0, end + 1);
                    line++;
                    if (line > lastEventId) {
                        write(out, "id: " + line + "\nevent: result\ndata: " + text + "\n\n");
                    }
                }
            }
            final long nowMs = System.currentTimeMillis();
            if (ended && partial.length() == 0) {
                write(out, "event: end\ndata: " + progress(job) + "\n\n");
                return;
            }
            if (nowMs - lastProgressMs >= PROGRESS_INTERVAL_MS) {
                lastProgressMs = nowMs;
                write(out, "event: progress\ndata: " + progress(job) + "\n\n");
            }
            Thread.sleep(POLL_MS);
        }
    }

    private static String progress(final ServedJob job) throws IOException {
        final ObjectNode node = JSON.createObjectNode();
        node.put("id", job.id());
        node.put("state", job.state());
        node.put("tasks", job.tasks());
        node.put("done", job.finished());
        node.put("ok", job.ok());
        node.put("failed", job.notOk());
        return JSON.writeValueAsString(node);
    }

    private static void write(final OutputStream out, final String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
