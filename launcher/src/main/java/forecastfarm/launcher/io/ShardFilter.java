package forecastfarm.launcher.io;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Shard {@code i} of {@code n} of an input ({@code farm forecast --shard i/n}): the series whose id hashes to
 * {@code i}. Every id lands in exactly one shard, the same one on every machine, JVM and run, whatever the order
 * or the other contents of the file, so n farms can each read the whole input and take their own part.
 *
 * <p>The hash is fixed and documented (it does not use {@link String#hashCode()}): FNV-1a 64 over the id's UTF-8
 * bytes, then MurmurHash3's 64-bit finalizer (fmix64) to spread the bits, and the shard is that value modulo
 * {@code n}, unsigned. The same in Python:
 * <pre>
 * M64 = 2**64 - 1; h = 0xcbf29ce484222325
 * for b in id.encode("utf-8"): h = ((h ^ b) * 0x100000001b3) &amp; M64
 * h ^= h &gt;&gt; 33; h = (h * 0xff51afd7ed558ccd) &amp; M64; h ^= h &gt;&gt; 33
 * h = (h * 0xc4ceb9fe1a85ec53) &amp; M64; h ^= h &gt;&gt; 33;  shard = h % n
 * </pre>
 * Input problems tied to a series go with that series' shard; the few that name no series go to shard 0, so a
 * merge of all shards reports each problem once.
 */
public final class ShardFilter {
    /** The most shards a job can be split into. */
    public static final int MAX_SHARDS = 1_000_000;

    /** The whole input: one shard of one. */
    public static final ShardFilter ALL = new ShardFilter(0, 1);

    private final int index;
    private final int count;

    private ShardFilter(int index, int count) {
        this.index = index;
        this.count = count;
    }

    /**
     * @param index 0-based, below count
     * @param count 1..{@link #MAX_SHARDS}
     * @throws IllegalArgumentException when out of range
     */
    public static ShardFilter of(int index, int count) {
        if (count < 1 || count > MAX_SHARDS) {
            throw new IllegalArgumentException(
                    "invalid --shard " + index + "/" + count + ": the number of shards " + "must be 1.." + MAX_SHARDS);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(
                    "invalid --shard " + index + "/" + count + ": the shard index is " + "0-based and must be 0.."
                            + (count - 1) + " (SLURM_ARRAY_TASK_ID of an --array=0-" + (count - 1) + ")");
        }
        return new ShardFilter(index, count);
    }

    /**
     * @param spec {@code i/n}, e.g. {@code 3/8}
     * @throws IllegalArgumentException with a message for the user when it is not that
     */
    public static ShardFilter parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.strip();
        int slash = s.indexOf('/');
        if (slash <= 0 || slash == s.length() - 1 || s.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException(
                    "invalid --shard '" + spec + "': expected i/n, e.g. 0/4 for the " + "first of 4 shards");
        }
        int i;
        int n;
        try {
            i = Integer.parseInt(s.substring(0, slash).strip());
            n = Integer.parseInt(s.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid --shard '" + spec + "': expected i/n with whole numbers, "
                    + "e.g. 0/4 for the first of 4 shards");
        }
        return of(i, n);
    }

    /** The 64-bit hash of an id (see the class comment); stable across JVMs and versions. */
    public static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The shard (0..count-1) an id belongs to among {@code count}. */
    public static int shardOf(String id, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        return (int) Long.remainderUnsigned(hash(id), count);
    }

    public int index() {
        return index;
    }

    public int count() {
        return count;
    }

    /** True for {@link #ALL} (or any 0/1). */
    public boolean isAll() {
        return count == 1;
    }

    public boolean contains(String id) {
        return count == 1 || shardOf(id, count) == index;
    }

    /** Passes on only this shard's series. */
    public Consumer<Series> series(Consumer<Series> next) {
        return isAll()
                ? next
                : s -> {
                    if (contains(s.id())) {
                        next.accept(s);
                    }
                };
    }

    /** Passes on only this shard's problems (those of its series; shard 0 also gets those naming no series). */
    public Consumer<InputProblem> problems(Consumer<InputProblem> next) {
        return isAll()
                ? next
                : p -> {
                    if (p.seriesId() == null ? index == 0 : contains(p.seriesId())) {
                        next.accept(p);
                    }
                };
    }

    /** A job's fingerprint with this shard: the whole input keeps it unchanged, a shard adds itself. */
    public String fingerprint(String job) {
        return isAll() ? job : job + " shard=" + this;
    }

    /** A job's default farm dir name with this shard (job-abc, job-abc-shard-3-of-8). */
    public String jobId(String jobId) {
        return isAll() ? jobId : jobId + "-shard-" + index + "-of-" + count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardFilter other && other.index == index && other.count == count;
    }

    @Override
    public int hashCode() {
        return index * 31 + count;
    }

    /** {@code i/n}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
