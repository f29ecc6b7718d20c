package forecastfarm.shared;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * How the launcher's conductor and the workers wait when they have nothing to do: spin briefly (a result or task is
 * often microseconds away), then yield, then park from 1 us up to 1 ms, so an idle farm costs almost no CPU.
 */
public final class FarmIdle
{
    public static final int SPINS = 100;
    public static final int YIELDS = 10;
    public static final long MIN_PARK_NS = 1_000;
    public static final long MAX_PARK_NS = 1_000_000;

    private FarmIdle()
    {
    }

    public static IdleStrategy newIdleStrategy()
    {
        return new BackoffIdleStrategy(SPINS, YIELDS, MIN_PARK_NS, MAX_PARK_NS);
    }
}
