package forecastfarm.worker.forecast.ets;

import forecastfarm.api.WorkerThreads;
import forecastfarm.worker.forecast.ModelException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Fits every candidate form of one series, each independently of the others: on the calling thread alone, or, when
 * the worker has several threads ({@link WorkerThreads#available()}, {@code farm ... --worker-threads N}), on a pool of
 * that many, so that one series uses the cores that no other task is using (a served job smaller than the workers'
 * count, the last task of a job). Each form's fit is the same either way, and the caller chooses among them in the
 * candidates' order, so the chosen model does not depend on the threads.
 */
final class FormFits {
    /** By thread count (a worker has one): created on first use, in a worker of several threads only; daemons. */
    private static final Map<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private FormFits() {}

    /** {@link #fitAll(double[], int, List, int)} on this worker's threads. */
    static EtsFitResult[] fitAll(double[] y, int m, List<EtsSpec> candidates) {
        return fitAll(y, m, candidates, WorkerThreads.available());
    }

    /** @return each candidate's fit in the candidates' order, null where R gives up on a form or it cannot be fitted */
    static EtsFitResult[] fitAll(double[] y, int m, List<EtsSpec> candidates, int threads) {
        if (threads == 1 || candidates.size() == 1) {
            EtsFitResult[] fits = new EtsFitResult[candidates.size()];
            for (int i = 0; i < fits.length; i++) {
                fits[i] = fitOrNull(y, m, candidates.get(i));
            }
            return fits;
        }
        Future<EtsFitResult[]> all = POOLS.computeIfAbsent(threads, FormFits::newPool)
                .submit(() -> IntStream.range(0, candidates.size())
                        .parallel()
                        .mapToObj(i -> fitOrNull(y, m, candidates.get(i)))
                        .toArray(EtsFitResult[]::new));
        try {
            return all.get();
        } catch (InterruptedException e) {
            all.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelException("ets: interrupted while fitting");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static EtsFitResult fitOrNull(double[] y, int m, EtsSpec spec) {
        try {
            return new EtsModelFitter(y, m, spec).fit();
        } catch (ModelException e) {
            return null; // R: try-error, the form is skipped
        }
    }

    private static ForkJoinPool newPool(int threads) {
        return new ForkJoinPool(threads, FormFits::daemonThread, null, false);
    }

    private static ForkJoinWorkerThread daemonThread(ForkJoinPool owner) {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(owner);
        thread.setName("ets-forms-" + thread.getPoolIndex());
        thread.setDaemon(true);
        return thread;
    }
}
