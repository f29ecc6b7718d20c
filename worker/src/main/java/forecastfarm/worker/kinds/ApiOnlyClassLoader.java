package forecastfarm.worker.kinds;

import forecastfarm.api.TaskKind;

/**
 * The parent of every task jar's class loader: the JDK (the platform class loader) and the task API package
 * {@code forecastfarm.api}, which it takes from the worker's own loader so that a plugin's {@link TaskKind} is the
 * worker's. Nothing else of the worker (Chronicle, Agrona, Jackson, the farm's own classes) is visible, so a plugin's
 * libraries never clash with ours. Resources come from the platform loader only.
 */
final class ApiOnlyClassLoader extends ClassLoader {
    private static final String API_PACKAGE = TaskKind.class.getPackageName();

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader workerLoader;

    ApiOnlyClassLoader(final ClassLoader workerLoader) {
        super("forecast-farm-task-api", ClassLoader.getPlatformClassLoader());
        this.workerLoader = workerLoader;
    }

    @Override
    protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
        if (isApiClass(name)) {
            return workerLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    /** Exactly the API package: {@code forecastfarm.api.Args} is, {@code forecastfarm.api.x.Y} is not. */
    static boolean isApiClass(final String name) {
        return name.startsWith(API_PACKAGE)
                && name.length() > API_PACKAGE.length() + 1
                && name.charAt(API_PACKAGE.length()) == '.'
                && name.indexOf('.', API_PACKAGE.length() + 1) < 0;
    }
}
