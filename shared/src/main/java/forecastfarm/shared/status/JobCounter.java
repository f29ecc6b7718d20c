package forecastfarm.shared.status;

/**
 * The counters of each job slot of {@code status.dat}, written only by the launcher while the job is alive, in
 * allocation order. A slot whose job ended is zeroed and its id cleared ({@link JobSlots}).
 */
public enum JobCounter {
    /** the tasks the job expects in all (0 until its caller said), see SUBMITTED for those submitted so far */
    EXPECTED("tasks expected"),
    SUBMITTED("tasks submitted"),
    DONE("done"),
    FAILED("failed"),
    POISONED("poisoned"),
    RUNNING("running"),
    RESUMED("resumed");

    private final String label;

    JobCounter(final String label) {
        this.label = label;
    }

    public String label(final int slot) {
        return "job slot " + slot + ": " + label;
    }
}
