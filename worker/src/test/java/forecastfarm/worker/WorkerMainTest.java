package forecastfarm.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import forecastfarm.shared.WorkerArgs;
import org.junit.jupiter.api.Test;

class WorkerMainTest {
    @Test
    void theLauncherStartsThisMainClass() {
        assertEquals(WorkerMain.class.getName(), WorkerArgs.MAIN_CLASS);
    }
}
