package forecastfarm.launcher.farm;

/**
 * Thrown by a run's map sizing when its caller gives the run up before it had any task (its input held none): the
 * workers started ahead are stopped, and a farm dir the run created is removed again.
 */
public final class FarmAbandoned extends FarmException {
    public FarmAbandoned(final String message) {
        super(message);
    }
}
