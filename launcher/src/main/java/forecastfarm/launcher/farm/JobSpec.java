package forecastfarm.launcher.farm;

import forecastfarm.shared.wire.ResultKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One job of a farm: its id (results are keyed by job id and task key), who submitted it, its priority among that
 * owner's jobs, and what it is.
 *
 * @param id          the job id ({@link ResultKey#JOB_ID}); a job reopened with the same id resumes it.
 * @param owner       who submitted it: tasks are dispatched round-robin across owners first ({@link #CLI_OWNER} for
 *                    the command line).
 * @param priority    among one owner's jobs, those with the highest priority are dispatched first (default 0).
 * @param fingerprint what the job computes (its inputs and options): a job id reopened with another fingerprint is
 *                    refused, so one job's results never stand for another's.
 * @param description the job in words, option by option in display order, for {@code farm inspect}.
 */
public record JobSpec(String id, String owner, int priority, String fingerprint, Map<String, String> description) {
    public static final String CLI_OWNER = "cli";

    public JobSpec {
        ResultKey.requireJobId(id);
        if (owner == null || owner.isBlank() || owner.contains("\n")) {
            throw new IllegalArgumentException("job owner '" + owner + "': must be a non-blank single line");
        }
        Objects.requireNonNull(fingerprint, "fingerprint");
        description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
    }

    /**
     * A job whose id is derived from its fingerprint: rerunning the same command finds its own job again.
     *
     * @param prefix the id's start, e.g. {@code forecast}.
     */
    public static JobSpec ofFingerprint(final String prefix, final String fingerprint) {
        return new JobSpec(prefix + "-" + hash(fingerprint), CLI_OWNER, 0, fingerprint, Map.of());
    }

    /** A job of the default owner whose fingerprint is its id: for embedded jobs that name themselves. */
    public static JobSpec named(final String id) {
        return new JobSpec(id, "local", 0, id, Map.of());
    }

    public JobSpec withOwner(final String newOwner) {
        return new JobSpec(id, newOwner, priority, fingerprint, description);
    }

    public JobSpec withPriority(final int newPriority) {
        return new JobSpec(id, owner, newPriority, fingerprint, description);
    }

    public JobSpec withDescription(final Map<String, String> newDescription) {
        return new JobSpec(id, owner, priority, fingerprint, newDescription);
    }

    /** @return the first 12 hex digits of the text's SHA-256. */
    static String hash(final String text) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}
