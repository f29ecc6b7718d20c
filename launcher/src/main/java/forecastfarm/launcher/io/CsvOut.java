package forecastfarm.launcher.io;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A CSV file (UTF-8, LF line ends, fields quoted only where needed) written atomically through
 * {@link AtomicFile}. States: open, then committed, aborted or failed. A failed write aborts the file, and
 * a later {@link #close()} reports that nothing was written rather than committing a partial file.
 */
public final class CsvOut implements AutoCloseable {
    private final AtomicFile file;
    private final Writer writer;
    private final CsvWriter csv;
    private IOException failure;
    private boolean aborted;
    private boolean closed;

    public CsvOut(Path target, String... header) throws IOException {
        this(target, ',', header);
    }

    /** @param separator ',' for CSV, '\t' for TSV */
    CsvOut(Path target, char separator, String... header) throws IOException {
        this.file = new AtomicFile(target);
        this.writer = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
        this.csv = CsvWriter.builder()
                .fieldSeparator(separator)
                .lineDelimiter(LineDelimiter.LF)
                .bufferSize(1 << 16)
                .build(writer);
        row(header);
    }

    public Path target() {
        return file.target();
    }

    Path tempFile() {
        return file.tempFile();
    }

    public void row(String... fields) throws IOException {
        ensureOpen();
        try {
            csv.writeRecord(fields);
        } catch (UncheckedIOException e) {
            throw fail(e.getCause());
        }
    }

    private IOException fail(IOException e) {
        failure = file.failed(e);
        return failure;
    }

    void ensureOpen() throws IOException {
        if (failure != null) {
            throw new IOException(file.target() + " was not written: an earlier write failed", failure);
        }
        if (aborted || closed) {
            throw new IllegalStateException(file.target() + " is already " + (aborted ? "aborted" : "closed"));
        }
    }

    /** Drops everything written; the final file is not created (an existing one is left as it was). */
    public void abort() {
        if (!closed && !aborted) {
            aborted = true;
            file.abort();
        }
    }

    /** Commits the file, unless it was aborted (then nothing) or a write failed (then IOException). */
    @Override
    public void close() throws IOException {
        if (closed || aborted) {
            return;
        }
        if (failure != null) {
            closed = true;
            throw new IOException(file.target() + " was not written: an earlier write failed", failure);
        }
        closed = true;
        try {
            csv.flush();
            writer.flush();
        } catch (UncheckedIOException e) {
            throw fail(e.getCause());
        } catch (IOException e) {
            throw fail(e);
        }
        file.commit();
    }
}
