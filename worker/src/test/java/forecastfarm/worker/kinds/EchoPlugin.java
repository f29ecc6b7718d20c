package forecastfarm.worker.kinds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A user's task jar, source and all: kind {@code echo} (or another name), which reports what it sees. It bundles its
 * own {@code com.fasterxml.jackson.core.JsonFactory}, a class whose name the worker's Jackson also has, with a method
 * the real one lacks: if the worker's class were loaded instead, the task would fail with NoSuchMethodError.
 */
public final class EchoPlugin {
    static final String KIND_CLASS = "acme.EchoKind";

    private EchoPlugin() {}

    public static Path jar(final Path dir, final String jarName, final String kindName) throws IOException {
        return PluginJars.build(dir, jarName, sources(kindName), List.of(KIND_CLASS));
    }

    public static Map<String, String> sources(final String kindName) {
        return Map.of(KIND_CLASS, """
                package acme;

                import forecastfarm.api.Args;
                import forecastfarm.api.KindSession;
                import forecastfarm.api.TaskKind;
                import java.util.LinkedHashMap;
                import java.util.Map;
                import java.util.concurrent.atomic.AtomicInteger;

                public final class EchoKind implements TaskKind {
                    static final AtomicInteger OPENS = new AtomicInteger();

                    record Point(int x, double y) {}

                    public String name() {
                        return "%s";
                    }

                    public KindSession open(final Args settings) {
                        final int opens = OPENS.incrementAndGet();
                        final String greeting = settings.string("greeting", "hello");
                        return new KindSession() {
                            public Object run(final String key, final Args args) {
                                final Map<String, Object> result = new LinkedHashMap<>();
                                result.put("greeting", greeting + " " + key);
                                result.put("twice", 2 * args.number("x"));
                                result.put("opens", opens);
                                result.put("factory", new com.fasterxml.jackson.core.JsonFactory().whose());
                                result.put("sees_worker", visible("forecastfarm.worker.tasks.TaskKinds"));
                                result.put("sees_chronicle", visible("net.openhft.chronicle.queue.ChronicleQueue"));
                                result.put("point", new Point(1, 2.5));
                                return result;
                            }

                            public void close() {
                                System.setProperty("acme.echo.closed", greeting);
                            }
                        };
                    }

                    static boolean visible(final String name) {
                        try {
                            Class.forName(name, false, EchoKind.class.getClassLoader());
                            return true;
                        } catch (ClassNotFoundException ex) {
                            return false;
                        }
                    }
                }
                """.formatted(kindName), "com.fasterxml.jackson.core.JsonFactory", """
                package com.fasterxml.jackson.core;

                public final class JsonFactory {
                    public String whose() {
                        return "the plugin's own";
                    }
                }
                """);
    }
}
