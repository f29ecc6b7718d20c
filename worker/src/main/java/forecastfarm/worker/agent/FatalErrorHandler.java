package forecastfarm.worker.agent;

/**
 * What to do when a task throws an error the JVM cannot be trusted after (StackOverflowError, other
 * VirtualMachineErrors). The real one halts the JVM with an exit code the launcher reports; tests record the call.
 */
@FunctionalInterface
public interface FatalErrorHandler {
    void onFatal(long taskId, VirtualMachineError error);

    FatalErrorHandler HALT = (taskId, error) -> {
        System.err.println("fatal error in task " + taskId + ": " + error);
        System.err.flush();
        Runtime.getRuntime()
                .halt(
                        error instanceof StackOverflowError
                                ? forecastfarm.shared.WorkerExitCode.STACK_OVERFLOW
                                : forecastfarm.shared.WorkerExitCode.FATAL_ERROR);
    };
}
