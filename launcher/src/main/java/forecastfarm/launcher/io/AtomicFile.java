package forecastfarm.launcher.io;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written under a temporary name in the target's directory ({@code .NAME.RANDOM.tmp}) and renamed
 * onto the target only by {@link #commit()}, after an fsync: the target name never shows a partial file. It gets the
 * permissions of the user's umask ({@link OutputFiles}).
 * Every IOException thrown names the target file.
 */
final class AtomicFile {
    private final Path target;
    private final Path tmp;
    private final FileOutputStream out;
    private boolean done;

    AtomicFile(Path target) throws IOException {
        this.target = target;
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path name = abs.getFileName();
        if (dir == null || name == null) {
            throw new IOException("cannot write " + target + ": not a file path");
        }
        try {
            Files.createDirectories(dir);
            this.tmp = OutputFiles.createTempFile(dir, "." + name + ".", ".tmp");
        } catch (IOException e) {
            throw wrap("cannot create " + target, e);
        }
        try {
            this.out = new FileOutputStream(tmp.toFile());
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw wrap("cannot create " + target, e);
        }
    }

    Path target() {
        return target;
    }

    Path tempFile() {
        return tmp;
    }

    /** The raw (unbuffered) stream to the temporary file; callers buffer, and must not close it. */
    OutputStream stream() {
        return out;
    }

    boolean isDone() {
        return done;
    }

    /** Syncs the temporary file and renames it onto the target (replacing it). On failure nothing is left. */
    void commit() throws IOException {
        if (done) {
            throw new IllegalStateException(target + " already committed or aborted");
        }
        done = true;
        try {
            out.flush();
            out.getFD().sync();
            out.close();
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            closeQuietly();
            deleteQuietly(tmp);
            throw wrap("cannot write " + target, e);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Drops the temporary file; the target is left as it was. Idempotent. */
    void abort() {
        if (!done) {
            done = true;
            closeQuietly();
            deleteQuietly(tmp);
        }
    }

    /** Wraps an IOException from writing the content: aborts and names the target. */
    IOException failed(IOException e) {
        abort();
        return wrap("cannot write " + target, e);
    }

    static IOException wrap(String what, IOException e) {
        String detail;
        if (e instanceof FileSystemException fse) {
            detail = fse.getReason() != null
                    ? fse.getReason() + " (" + fse.getFile() + ")"
                    : e.getClass().getSimpleName() + " " + fse.getFile();
        } else {
            detail = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return new IOException(what + ": " + detail, e);
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the temporary name never looks like the target
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not supported everywhere; the rename itself is already done
        }
    }
}
