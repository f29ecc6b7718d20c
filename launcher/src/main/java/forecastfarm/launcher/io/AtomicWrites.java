package forecastfarm.launcher.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Public entry to {@link AtomicFile} for writers outside this package (the report): the target name
 * either keeps its old content or shows the complete new file, never a partial one.
 */
public final class AtomicWrites {

    /** Writes the whole content of a file to the stream it is given. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicWrites() {}

    /**
     * Writes {@code target} through a temporary file in its directory (created if missing), fsyncs it and
     * renames it onto the target. The stream given to {@code body} is buffered; the body must not close it.
     *
     * @throws IOException naming the target when anything fails; the temporary file is then removed and
     *                     the target left as it was
     */
    public static void write(Path target, Body body) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        AtomicFile file = new AtomicFile(target);
        try {
            BufferedOutputStream out = new BufferedOutputStream(file.stream(), 1 << 16);
            body.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw file.failed(e);
        } catch (RuntimeException | Error e) {
            file.abort();
            throw e;
        }
        file.commit();
    }
}
