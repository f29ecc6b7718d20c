package forecastfarm.shared.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusFileTest {

    private static final int SLOTS = 3;
    private static final long PID = 4242;
    private static final long RUN = 17;
    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("status.dat");
    }

    @Test
    void headerIsVisibleFromASecondInstance() {
        try (StatusFile launcher = StatusFile.create(file(), SLOTS, PID, RUN, NOW);
                StatusFile reader = StatusFile.open(file())) {
            assertEquals(SLOTS, reader.workerSlots());
            assertEquals(PID, reader.launcherPid());
            assertEquals(RUN, reader.runId());
            assertEquals(NOW, reader.runStartMs());
            assertEquals(NOW, reader.launcherHeartbeatMs());
            assertEquals(0, reader.resultsGeneration());
            assertEquals(LauncherState.NONE, reader.launcherState());

            launcher.launcherHeartbeatMs(NOW + 250);
            launcher.resultsGeneration(3);
            launcher.launcherState(LauncherState.DRAINING);
            assertEquals(NOW + 250, reader.launcherHeartbeatMs());
            assertEquals(3, reader.resultsGeneration());
            assertEquals(LauncherState.DRAINING, reader.launcherState());
        }
    }

    /** Each job slot's id and counters, written by the launcher, are seen by a reader; a freed slot reads empty. */
    @Test
    void jobSlotsCarryTheJobIdAndItsCountersApartFromTheWorkers() {
        try (StatusFile launcher = StatusFile.create(file(), SLOTS, PID, RUN, NOW);
                StatusFile reader = StatusFile.open(file())) {
            final int last = StatusFileDescriptor.JOB_SLOTS - 1;
            assertNull(reader.jobIds().read(0), "no job yet");
            launcher.jobIds().publish(0, "forecast-0123456789ab");
            launcher.jobIds().publish(last, "j".repeat(64));
            launcher.jobCounter(0, JobCounter.DONE).setRelease(7);
            launcher.jobCounter(last, JobCounter.RUNNING).setRelease(2);
            launcher.workerCounter(SLOTS - 1, WorkerCounter.TASKS_DONE).setRelease(99);

            assertEquals("forecast-0123456789ab", reader.jobIds().read(0));
            assertEquals("j".repeat(64), reader.jobIds().read(last), "a job id of 64 characters fits");
            assertEquals(7, reader.jobValue(0, JobCounter.DONE));
            assertEquals(2, reader.jobValue(last, JobCounter.RUNNING));
            assertEquals(0, reader.jobValue(0, JobCounter.RUNNING), "the job slots' counters are their own");
            assertEquals(99, reader.workerValue(SLOTS - 1, WorkerCounter.TASKS_DONE));

            launcher.jobIds().clear(0);
            assertNull(reader.jobIds().read(0));
            assertThrows(IllegalArgumentException.class, () -> reader.jobValue(last + 1, JobCounter.DONE));
        }
    }

    @Test
    void fileIsOwnerOnlyAndPageAligned() throws IOException {
        try (StatusFile ignored = StatusFile.create(file(), SLOTS, PID, RUN, NOW)) {
            assertEquals(FarmDirectory.FILE_PERMISSIONS, Files.getPosixFilePermissions(file()));
            assertEquals(StatusFileDescriptor.fileLength(SLOTS), Files.size(file()));
            assertEquals(0, Files.size(file()) % 4096);
        }
    }

    @Test
    void farmCountersAreSharedBetweenInstances() {
        try (StatusFile launcher = StatusFile.create(file(), SLOTS, PID, RUN, NOW);
                StatusFile reader = StatusFile.open(file())) {
            for (FarmCounter counter : FarmCounter.values()) {
                assertEquals(0, reader.farmValue(counter), counter.name());
                launcher.farmCounter(counter).set(100 + counter.ordinal());
            }
            for (FarmCounter counter : FarmCounter.values()) {
                assertEquals(100 + counter.ordinal(), reader.farmValue(counter), counter.name());
            }
            launcher.farmCounter(FarmCounter.DONE).increment();
            assertEquals(100 + FarmCounter.DONE.ordinal() + 1, reader.farmValue(FarmCounter.DONE));
        }
    }

    @Test
    void workerCountersAreSharedBetweenInstancesAndSlotsAreIndependent() {
        try (StatusFile launcher = StatusFile.create(file(), SLOTS, PID, RUN, NOW);
                StatusFile worker = StatusFile.open(file())) {
            for (int slot = 0; slot < SLOTS; slot++) {
                assertEquals(WorkerCounter.NO_TASK, launcher.workerValue(slot, WorkerCounter.TASK_ID));
                assertEquals(0, launcher.workerValue(slot, WorkerCounter.HEARTBEAT_MS));
            }
            worker.workerCounter(1, WorkerCounter.HEARTBEAT_MS).setRelease(NOW + 5);
            worker.workerCounter(1, WorkerCounter.TASK_ID).setRelease(77);
            worker.workerCounter(1, WorkerCounter.STATE).setRelease(WorkerState.BUSY.code());
            launcher.workerCounter(2, WorkerCounter.COMMAND).set(WorkerCounter.COMMAND_DRAIN);

            assertEquals(NOW + 5, launcher.workerValue(1, WorkerCounter.HEARTBEAT_MS));
            assertEquals(77, launcher.workerValue(1, WorkerCounter.TASK_ID));
            assertEquals(WorkerState.BUSY, WorkerState.of(launcher.workerValue(1, WorkerCounter.STATE)));
            assertEquals(WorkerCounter.COMMAND_DRAIN, worker.workerValue(2, WorkerCounter.COMMAND));
            // no bleed into neighbouring slots or the farm counters
            assertEquals(0, launcher.workerValue(0, WorkerCounter.HEARTBEAT_MS));
            assertEquals(0, launcher.workerValue(2, WorkerCounter.HEARTBEAT_MS));
            assertEquals(WorkerCounter.NO_TASK, launcher.workerValue(2, WorkerCounter.TASK_ID));
            assertEquals(WorkerCounter.COMMAND_NONE, worker.workerValue(1, WorkerCounter.COMMAND));
            for (FarmCounter counter : FarmCounter.values()) {
                assertEquals(0, launcher.farmValue(counter));
            }
        }
    }

    @Test
    void everyCounterHasItsLabelAtItsFixedId() {
        try (StatusFile ignored = StatusFile.create(file(), SLOTS, PID, RUN, NOW);
                StatusFile reader = StatusFile.open(file())) {
            Map<Integer, String> labels = new TreeMap<>();
            reader.counters().forEach((int counterId, String label) -> labels.put(counterId, label));
            assertEquals(StatusFileDescriptor.counterCount(SLOTS), labels.size());
            for (FarmCounter counter : FarmCounter.values()) {
                assertEquals(counter.label(), labels.get(StatusFileDescriptor.farmCounterId(counter)));
            }
            for (int slot = 0; slot < SLOTS; slot++) {
                for (WorkerCounter counter : WorkerCounter.values()) {
                    assertEquals(counter.label(slot), labels.get(StatusFileDescriptor.workerCounterId(slot, counter)));
                }
            }
            assertTrue(labels.containsValue("farm: tasks total"));
            assertTrue(labels.containsValue("worker 2: heartbeat epoch ms"));
        }
    }

    @Test
    void recreatingReplacesTheOldFile() {
        try (StatusFile first = StatusFile.create(file(), 1, PID, 1, NOW)) {
            first.farmCounter(FarmCounter.DONE).set(9);
        }
        try (StatusFile second = StatusFile.create(file(), 2, PID, 2, NOW + 1);
                StatusFile reader = StatusFile.open(file())) {
            assertEquals(2, reader.workerSlots());
            assertEquals(2, reader.runId());
            assertEquals(0, reader.farmValue(FarmCounter.DONE));
        }
    }

    @Test
    void openOfAMissingFileSaysSo() {
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> StatusFile.open(file()));
        assertTrue(ex.getMessage().contains("no status file"), ex.getMessage());
        assertTrue(ex.getMessage().contains(file().toString()), ex.getMessage());
    }

    @Test
    void openOfAGarbageFileSaysSo() throws IOException {
        byte[] garbage = new byte[8192];
        new Random(1).nextBytes(garbage);
        Files.write(file(), garbage);
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> StatusFile.open(file()));
        assertTrue(ex.getMessage().contains("not a farm status file"), ex.getMessage());
        assertTrue(ex.getMessage().contains(file().toString()), ex.getMessage());
    }

    @Test
    void openOfAnAllZeroFileSaysItIsIncomplete() throws IOException {
        // what a reader sees when the launcher has sized the file but not yet written the magic
        Files.write(file(), new byte[4096]);
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> StatusFile.open(file()));
        assertTrue(ex.getMessage().contains("incomplete"), ex.getMessage());
    }

    @Test
    void openOfAnotherLayoutVersionNamesBothVersions() throws IOException {
        StatusFile.create(file(), SLOTS, PID, RUN, NOW).close();
        byte[] bytes = Files.readAllBytes(file());
        bytes[StatusFileDescriptor.LAYOUT_VERSION_OFFSET] = 99;
        Files.write(file(), bytes);
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> StatusFile.open(file()));
        assertTrue(ex.getMessage().contains("99"), ex.getMessage());
        assertTrue(ex.getMessage().contains(Integer.toString(StatusFileDescriptor.LAYOUT_VERSION)), ex.getMessage());
    }

    @Test
    void openOfAShortGarbageFileSaysSo() throws IOException {
        Files.write(file(), "not a status file".getBytes());
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> StatusFile.open(file()));
        assertTrue(ex.getMessage().contains("not a farm status file"), ex.getMessage());
        Files.write(file(), new byte[0]);
        assertThrows(IllegalStateException.class, () -> StatusFile.open(file()));
    }

    /**
     * BUG (reported): a file whose header is intact but which is shorter than its slot count needs (truncated copy,
     * full disk) fails with a bounds-check exception instead of IllegalStateException, and leaks the mapping.
     */
    @Test
    void openOfATruncatedFileSaysSo() throws IOException {
        StatusFile.create(file(), 64, PID, RUN, NOW).close();
        byte[] bytes = Files.readAllBytes(file());
        Files.write(file(), java.util.Arrays.copyOf(bytes, 4096));
        assertThrows(IllegalStateException.class, () -> StatusFile.open(file()));
    }

    @Test
    void workerSlotOutOfRangeThrows() {
        try (StatusFile status = StatusFile.create(file(), SLOTS, PID, RUN, NOW)) {
            List<Runnable> calls = new ArrayList<>();
            for (int slot : new int[] {-1, SLOTS, Integer.MAX_VALUE}) {
                calls.add(() -> status.workerCounter(slot, WorkerCounter.PID));
                calls.add(() -> status.workerValue(slot, WorkerCounter.HEARTBEAT_MS));
            }
            for (Runnable call : calls) {
                IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call::run);
                assertTrue(ex.getMessage().contains("out of range 0..2"), ex.getMessage());
            }
            assertFalse(status.workerCounter(SLOTS - 1, WorkerCounter.PID).isClosed());
        }
    }

    @Test
    void stateCodesDecodeSafely() {
        assertEquals(WorkerState.NONE, WorkerState.of(-1));
        assertEquals(WorkerState.NONE, WorkerState.of(1_000));
        assertEquals(WorkerState.EXITED, WorkerState.of(WorkerState.EXITED.code()));
        assertEquals(LauncherState.NONE, LauncherState.of(-1));
        assertEquals(LauncherState.FINISHED, LauncherState.of(LauncherState.FINISHED.ordinal()));
    }
}
