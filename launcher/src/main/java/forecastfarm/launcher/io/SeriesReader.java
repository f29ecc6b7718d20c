package forecastfarm.launcher.io;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads the series of one input (a file or a directory, depending on the format) and hands them over one at a
 * time. Implemented by {@link LongCsvReader}, {@link WideCsvReader} and {@link OhlcDirReader}; {@link
 * InputFormat#reader} picks one.
 *
 * <p>Contract shared by all readers: whole-input problems (missing, unreadable, empty, not CSV, a named column
 * missing where it concerns every series) throw {@link InputException} with a message naming the input; a problem
 * confined to one series is passed to {@code onProblem} (message complete on its own, naming the series, and the
 * file and line where that helps) and only that series is skipped. Series that are handed over have only finite
 * values and a valid, strictly increasing time axis. Exceptions thrown by the callbacks propagate unchanged.
 */
public interface SeriesReader {

    /**
     * Reads {@code input}, calling {@code onSeries} for each valid series and {@code onProblem} for each problem.
     *
     * @throws InputException for problems with the input as a whole
     */
    void read(Path input, Consumer<Series> onSeries, Consumer<InputProblem> onProblem);
}
