package forecastfarm.worker.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Heap retained after the last collection: what grows when a worker leaks, unlike the raw used heap, which also
 * counts garbage not yet collected.
 */
public final class HeapUsage {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
            .toList();

    public long usedAfterGcBytes() {
        long used = 0;
        for (final MemoryPoolMXBean pool : heapPools) {
            final MemoryUsage usage = pool.getCollectionUsage();
            used += usage == null ? 0 : usage.getUsed();
        }
        return used;
    }
}
