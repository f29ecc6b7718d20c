/**
 * The task API: what a user's own task kind implements ({@link forecastfarm.api.TaskKind},
 * {@link forecastfarm.api.KindSession}) and what it is given ({@link forecastfarm.api.Args}, {@link forecastfarm.api.WorkerThreads}). Plain Java, no
 * dependencies: it is packaged on its own as the {@code task-api} jar that plugins compile against.
 */
package forecastfarm.api;
