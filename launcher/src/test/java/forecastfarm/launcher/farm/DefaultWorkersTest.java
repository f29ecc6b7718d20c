package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DefaultWorkersTest {
    @Test
    void slurmCpusPerTaskWinsOverTheNodesCpus() {
        assertEquals(3, DefaultWorkers.of("3", 64));
        assertEquals(3, DefaultWorkers.of(" 3\n", 64));
    }

    @Test
    void unsetOrInvalidFallsBackToTheAvailableProcessors() {
        assertEquals(8, DefaultWorkers.of(null, 8));
        assertEquals(8, DefaultWorkers.of("", 8));
        assertEquals(8, DefaultWorkers.of("0", 8));
        assertEquals(8, DefaultWorkers.of("2(x3)", 8));
        assertEquals(8, DefaultWorkers.of("5000", 8));
        assertEquals(1, DefaultWorkers.of(null, 0));
    }

    @Test
    void aSignalWithinASecondOfTheFirstIsTheSameRequest() {
        final Farm.SignalHandlers handlers = new Farm.SignalHandlers();
        final long t = 1_000_000_000_000L;
        assertEquals(true, handlers.isNew(t));
        assertEquals(false, handlers.isNew(t + 5_000_000), "SLURM's TERM and the batch script's forwarded TERM");
        assertEquals(false, handlers.isNew(t + 900_000_000));
        assertEquals(true, handlers.isNew(t + 1_000_000_000), "a second request: stop at once");
        assertEquals(true, Farm.SignalHandlers.SIGNALS.contains("USR1"));
    }
}
