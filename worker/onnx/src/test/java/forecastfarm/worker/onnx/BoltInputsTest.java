package forecastfarm.worker.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-processing: cut to the context length, left-padded with NaN, masked where not observed. */
class BoltInputsTest {

    private static final float NAN = Float.NaN;

    @Test
    void aShortSeriesIsLeftPaddedWithNanAndMaskedThere() {
        float[] context = BoltInputs.context(List.of(new double[] {1, 2}), 4, 1);
        assertArrayEquals(new float[] {NAN, NAN, 1, 2}, context);
        assertArrayEquals(new float[] {0, 0, 1, 1}, BoltInputs.mask(context));
    }

    @Test
    void aLongSeriesKeepsItsLastPoints() {
        float[] context = BoltInputs.context(List.of(new double[] {9, 8, 1, 2, 3, 4}), 4, 1);
        assertArrayEquals(new float[] {1, 2, 3, 4}, context);
        assertArrayEquals(new float[] {1, 1, 1, 1}, BoltInputs.mask(context));
    }

    @Test
    void aMissingValueStaysNanAndIsMasked() {
        float[] context = BoltInputs.context(List.of(new double[] {1, Double.NaN, 3}), 4, 1);
        assertArrayEquals(new float[] {NAN, 1, NAN, 3}, context);
        assertArrayEquals(new float[] {0, 1, 0, 1}, BoltInputs.mask(context));
    }

    @Test
    void rowsFollowOneAnotherAndFillRowsRepeatTheFirst() {
        float[] context = BoltInputs.context(List.of(new double[] {1, 2, 3}, new double[] {7}), 3, 3);
        assertArrayEquals(new float[] {1, 2, 3, NAN, NAN, 7, 1, 2, 3}, context);
    }
}
