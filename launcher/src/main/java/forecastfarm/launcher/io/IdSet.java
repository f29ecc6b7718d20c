package forecastfarm.launcher.io;

/**
 * Set of series ids seen so far, kept as 64-bit hashes in an open-addressing table (about 11 to 21 bytes
 * per id instead of a String per id), so that files with millions of series fit. Two different ids
 * collide with probability about n^2 / 2^65 (1e-6 for ten million ids).
 */
final class IdSet {
    private long[] table = new long[1024];
    private int size;

    /** Adds the id; returns false if it (or, with negligible probability, a colliding id) was already there. */
    boolean add(String id) {
        long h = hash(id);
        if ((size + 1) * 4L > table.length * 3L) {
            grow();
        }
        return insert(table, h);
    }

    int size() {
        return size;
    }

    private boolean insert(long[] t, long h) {
        int mask = t.length - 1;
        int i = (int) h & mask;
        while (true) {
            long v = t[i];
            if (v == 0) {
                t[i] = h;
                size++;
                return true;
            }
            if (v == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (long v : old) {
            if (v != 0) {
                insert(table, v);
            }
        }
    }

    /** FNV-1a over the UTF-16 chars, then the MurmurHash3 finalizer; never 0 (0 marks a free slot). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= s.length();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
