package forecastfarm.launcher.io;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The non-blank records of one CSV file (UTF-8, optional BOM, comma separated, RFC 4180 quoting; gzip-compressed
 * when the name ends in {@code .gz}), read the same way as {@link LongCsvReader} reads: records may have any number
 * of fields (the caller checks), lines whose fields are all blank are skipped. Read and parse errors become {@link
 * InputException}s naming the file.
 */
final class CsvRows implements AutoCloseable {
    private final Path file;
    private final CsvReader<CsvRecord> reader;
    private final CloseableIterator<CsvRecord> rows;

    private CsvRows(Path file, CsvReader<CsvRecord> reader) {
        this.file = file;
        this.reader = reader;
        this.rows = reader.iterator();
    }

    /**
     * Opens a file after checking that it exists, is a file and is readable.
     *
     * @throws InputException with the same messages as {@link LongCsvReader#read}
     */
    static CsvRows open(Path file) {
        checkReadableFile(file);
        try {
            CsvReader.CsvReaderBuilder b = CsvReader.builder()
                    .ignoreDifferentFieldCount(true)
                    .skipEmptyLines(true)
                    .detectBomHeader(true);
            if (isGzip(file)) {
                InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
                return new CsvRows(file, b.ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8)));
            }
            return new CsvRows(file, b.ofCsvRecord(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(file, "cannot read input " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean isGzip(Path file) {
        Path name = file.getFileName();
        return name != null
                && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
    }

    /** Throws the {@link InputException} {@link LongCsvReader} throws for a missing, directory or unreadable input. */
    static void checkReadableFile(Path file) {
        if (!Files.exists(file)) {
            throw new InputException(file, "input file " + file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(file, "input " + file + " is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new InputException(file, "input file " + file + " cannot be read (permission denied)");
        }
    }

    /** The next record with a non-blank field, or null at the end. */
    CsvRecord next() {
        try {
            while (rows.hasNext()) {
                CsvRecord r = rows.next();
                if (!isBlank(r)) {
                    return r;
                }
            }
            return null;
        } catch (UncheckedIOException e) {
            throw new InputException(
                    file, "cannot read input " + file + ": " + e.getCause().getMessage(), e);
        } catch (CsvParseException e) {
            String detail = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getMessage() + ": " + e.getCause().getMessage()
                    : e.getMessage();
            throw new InputException(file, "input " + file + " is not valid CSV: " + detail, e);
        }
    }

    /** The fields of a record, stripped. */
    static List<String> stripped(CsvRecord r) {
        List<String> out = new ArrayList<>(r.getFieldCount());
        for (String f : r.getFields()) {
            out.add(f.strip());
        }
        return out;
    }

    static boolean isBlank(CsvRecord r) {
        for (int i = 0; i < r.getFieldCount(); i++) {
            if (!r.getField(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new InputException(file, "cannot read input " + file + ": " + e.getMessage(), e);
        }
    }
}
