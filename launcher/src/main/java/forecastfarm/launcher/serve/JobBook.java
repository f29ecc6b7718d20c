package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import forecastfarm.launcher.api.TaskFarm;
import forecastfarm.launcher.io.TimeSettings;
import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs a served farm accepted, durable in {@code <farm-dir>/serve/}: {@code ID.job.json} (the client, when, and the
 * request body as sent, and for a job read from a server-side file its tasks as prepared) is written, and renamed into
 * place, before the job is acknowledged; {@code ID.results.ndjson}, {@code ID.keys.ndjson} (one line per finished
 * key, what event streams follow) and a cv job's {@code ID.metrics.ndjson} grow as its results come;
 * {@code ID.end.json} says how it ended. A server started again reopens every accepted job
 * without an end file (the engine resumes it: finished tasks are not run again) and knows the ended ones until their
 * retention passes, when the job, its results in the map and its files are deleted. The files are written without
 * fsync: a power loss (not a kill) may lose jobs acknowledged in the last seconds.
 */
final class JobBook {
    private static final Logger LOG = LoggerFactory.getLogger(JobBook.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB_SUFFIX = ".job.json";
    private static final String PREPARED = "prepared";
    static final long IDEMPOTENCY_KEPT_MS = 24L * 3600 * 1000;

    /** A job accepted under an idempotency key. */
    private record Keyed(String jobId, String bodyHash, long createdMs) {}

    /** What a POST with an idempotency key got: the job (new or earlier), or a conflict. */
    record Acceptance(ServedJob job, boolean conflict) {}

    private final Path dir;
    private final TaskFarm farm;
    private final Map<String, String> knownKinds;
    private final TimeSettings time;
    private final long retentionMs;
    private final Map<String, ServedJob> jobs = new ConcurrentHashMap<>();
    /** client + NUL + Idempotency-Key to the job and its body's hash, for {@link #IDEMPOTENCY_KEPT_MS}. */
    private final Map<String, Keyed> idempotent = new ConcurrentHashMap<>();

    private final SecureRandom random = new SecureRandom();
    private volatile boolean stopping;

    JobBook(
            final FarmDirectory farmDir,
            final TaskFarm farm,
            final Map<String, String> knownKinds,
            final TimeSettings time,
            final long retentionMs) {
        this.dir = farmDir.root().resolve("serve");
        this.farm = farm;
        this.knownKinds = knownKinds;
        this.time = time;
        this.retentionMs = retentionMs;
        FarmDirectory.createOwnerOnlyDirectory(dir);
    }

    /** Reopens the accepted jobs that had not ended; loads the ended ones. @return how many were reopened. */
    int recover() {
        int reopened = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (final Path file : files.filter(f -> f.getFileName().toString().endsWith(JOB_SUFFIX))
                    .sorted()
                    .toList()) {
                final String id = file.getFileName().toString().replace(JOB_SUFFIX, "");
                try {
                    reopened += load(id) ? 1 : 0;
                } catch (final RuntimeException ex) {
                    LOG.error("cannot reopen served job {} ({}): {}", id, file, ex.getMessage());
                }
            }
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot list " + dir + ": " + ex.getMessage(), ex);
        }
        return reopened;
    }

    private boolean load(final String id) {
        final JsonNode stored = readJson(jobFile(id));
        final String client = stored.path("client").asText();
        final long createdMs = stored.path("created_ms").asLong();
        if (stored.hasNonNull("idempotency_key")) {
            idempotent.put(
                    client + '\0' + stored.get("idempotency_key").asText(),
                    new Keyed(id, stored.path("body_sha256").asText(), createdMs));
        }
        // a job read from a server-side file is stored as prepared: the file may have changed or gone since
        final JobRequest request = stored.has(PREPARED)
                ? JobRequest.restore(stored.get(PREPARED))
                : JobRequest.parse(
                        stored.path("body").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        knownKinds,
                        time);
        if (Files.exists(endFile(id))) {
            final JsonNode end = readJson(endFile(id));
            jobs.put(
                    id,
                    ServedJob.ended(
                            id,
                            client,
                            createdMs,
                            request,
                            resultsFile(id),
                            new ServedJob.EndRecord(
                                    end.path("state").asText(),
                                    end.path("ended_ms").asLong(),
                                    end.path("finished").asLong(),
                                    end.path("ok").asLong(),
                                    end.path("not_ok").asLong(),
                                    end.path("error").asText(""))));
            return false;
        }
        final ServedJob job = new ServedJob(id, client, createdMs, request, resultsFile(id));
        jobs.put(id, job);
        job.start(farm, end -> recordEnd(job, end));
        return true;
    }

    /**
     * As {@link #accept(String, byte[], JobRequest, String)}, with an {@code Idempotency-Key} (scoped to the client,
     * kept {@link #IDEMPOTENCY_KEPT_MS}): the same key with the same body gets the job it got before; with another
     * body, a conflict.
     */
    synchronized Acceptance acceptOnce(
            final String client, final String key, final byte[] body, final JobRequest request) {
        final String scoped = client + '\0' + key;
        final String hash = sha256(body);
        final Keyed earlier = idempotent.get(scoped);
        if (earlier != null && System.currentTimeMillis() - earlier.createdMs() <= IDEMPOTENCY_KEPT_MS) {
            final ServedJob job = jobs.get(earlier.jobId());
            if (job != null) {
                return new Acceptance(job, !earlier.bodyHash().equals(hash));
            }
        }
        final ServedJob job = accept(client, body, request, key);
        idempotent.put(scoped, new Keyed(job.id(), hash, job.createdMs()));
        return new Acceptance(job, false);
    }

    /**
     * Stores the job, then starts it: once this returns, the job survives a kill of the server.
     *
     * @param body the request as sent, already parsed into {@code request} by {@link JobRequest#parse} (so one JSON
     *     value in UTF-8, stored as it came).
     * @param idempotencyKey the client's key for it, or null.
     */
    ServedJob accept(final String client, final byte[] body, final JobRequest request, final String idempotencyKey) {
        final String id = "job-" + HexFormat.of().formatHex(bytes());
        final long createdMs = System.currentTimeMillis();
        final ObjectNode stored = JSON.createObjectNode();
        stored.put("id", id);
        stored.put("client", client);
        stored.put("created_ms", createdMs);
        if (idempotencyKey != null) {
            stored.put("idempotency_key", idempotencyKey);
            stored.put("body_sha256", sha256(body));
        }
        // verbatim: the request parsed it (one JSON value in UTF-8); parsing and writing its numbers again took as long
        stored.putRawValue("body", new RawValue(new String(body, StandardCharsets.UTF_8)));
        if (request.input() != null) {
            stored.set(PREPARED, request.prepared());
        }
        writeJson(jobFile(id), stored);
        final ServedJob job = new ServedJob(id, client, createdMs, request, resultsFile(id));
        jobs.put(id, job);
        job.start(farm, end -> recordEnd(job, end));
        LOG.info(
                "job {} accepted from {}: {} {} of kind {}",
                id,
                client,
                request.size(),
                request.type(),
                request.kind());
        return job;
    }

    private static String sha256(final byte[] body) {
        try {
            return HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (final java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    private byte[] bytes() {
        final byte[] id = new byte[6];
        random.nextBytes(id);
        return id;
    }

    /**
     * The server is draining: a job that fails from now on (its farm closed under it) is not recorded as ended, so
     * that it continues when the server starts again.
     */
    void stopping() {
        stopping = true;
    }

    private void recordEnd(final ServedJob job, final ServedJob.EndRecord end) {
        if (stopping && "failed".equals(end.state())) {
            LOG.info("job {} did not finish before the server stopped; it continues at the next start", job.id());
            return;
        }
        final ObjectNode stored = JSON.createObjectNode();
        stored.put("state", end.state());
        stored.put("ended_ms", end.endedMs());
        stored.put("finished", end.finished());
        stored.put("ok", end.ok());
        stored.put("not_ok", end.notOk());
        if (!end.error().isEmpty()) {
            stored.put("error", end.error());
        }
        writeJson(endFile(job.id()), stored);
        LOG.info(
                "job {} {}: {} of {} finished, ok {}, not ok {}, {} ms",
                job.id(),
                end.state(),
                end.finished(),
                job.tasks(),
                end.ok(),
                end.notOk(),
                end.endedMs() - job.createdMs());
    }

    Optional<ServedJob> get(final String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** @return every job, oldest first. */
    List<ServedJob> all() {
        final List<ServedJob> all = new ArrayList<>(jobs.values());
        all.sort(Comparator.comparingLong(ServedJob::createdMs).thenComparing(ServedJob::id));
        return all;
    }

    long alive() {
        return jobs.values().stream().filter(job -> !job.isEnded()).count();
    }

    /** Cancels the job if it runs, waits for its running tasks, then deletes it, its results and its files. */
    void delete(final ServedJob job) throws InterruptedException {
        job.cancel();
        job.awaitEnd();
        jobs.remove(job.id());
        farm.deleteJob(job.id());
        for (final Path file : List.of(
                jobFile(job.id()), endFile(job.id()), resultsFile(job.id()), job.keysFile(), job.metricsFile())) {
            try {
                Files.deleteIfExists(file);
            } catch (final IOException ex) {
                LOG.warn("cannot delete {}: {}", file, ex.getMessage());
            }
        }
    }

    /** Deletes the jobs that ended longer ago than the retention. @return how many. */
    int expire(final long nowMs) throws InterruptedException {
        idempotent.values().removeIf(keyed -> nowMs - keyed.createdMs() > IDEMPOTENCY_KEPT_MS);
        int expired = 0;
        for (final ServedJob job : all()) {
            if (job.isEnded() && nowMs - job.endedMs() > retentionMs) {
                delete(job);
                expired++;
            }
        }
        return expired;
    }

    private Path jobFile(final String id) {
        return dir.resolve(id + JOB_SUFFIX);
    }

    private Path endFile(final String id) {
        return dir.resolve(id + ".end.json");
    }

    private Path resultsFile(final String id) {
        return dir.resolve(id + ".results.ndjson");
    }

    private static JsonNode readJson(final Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static void writeJson(final Path file, final JsonNode node) {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, JSON.writeValueAsBytes(node));
            FarmDirectory.makeOwnerOnlyFile(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
