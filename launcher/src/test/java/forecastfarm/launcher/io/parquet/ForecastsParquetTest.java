package forecastfarm.launcher.io.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastsParquetTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("forecasts.csv"), text);
    }

    private static MessageType schema(Path parquet) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(parquet), readOptions())) {
            return r.getFileMetaData().getSchema();
        }
    }

    private static java.util.Map<String, String> metadata(Path parquet) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(parquet), readOptions())) {
            return r.getFileMetaData().getKeyValueMetaData();
        }
    }

    private static org.apache.parquet.ParquetReadOptions readOptions() {
        return org.apache.parquet.ParquetReadOptions.builder(new org.apache.parquet.conf.PlainParquetConfiguration())
                .withCodecFactory(new PureJavaCodecs())
                .build();
    }

    @Test
    void longShapeWithDatesIsTypedAndTheCsvRemoved() throws IOException {
        Path csv = csv("unique_id,ds,step,model,model_spec,forecast,lo-80,hi-80\n"
                + "b,2024-01-02,1,ets,\"ETS(A,N,N)\",1.5,1,2\n"
                + "b,2024-01-03,2,ets,\"ETS(A,N,N)\",1.5,,\n"
                + "a,2024-01-02,1,naive,Naive,3,2.5,3.5\n");
        Path parquet = ForecastsParquet.convert(csv);
        assertEquals(dir.resolve("forecasts.parquet"), parquet);
        assertFalse(Files.exists(csv));
        assertEquals(
                "message forecasts {\n"
                        + "  optional binary unique_id (STRING);\n"
                        + "  optional int32 ds (DATE);\n"
                        + "  optional int64 step;\n"
                        + "  optional binary model (STRING);\n"
                        + "  optional binary model_spec (STRING);\n"
                        + "  optional double forecast;\n"
                        + "  optional double lo-80;\n"
                        + "  optional double hi-80;\n"
                        + "}\n",
                schema(parquet).toString());
        assertEquals(
                List.of(
                        "b,19724,1,ets,ETS(A,N,N),1.5,1.0,2.0",
                        "b,19725,2,ets,ETS(A,N,N),1.5,null,null",
                        "a,19724,1,naive,Naive,3.0,2.5,3.5"),
                ParquetFixtures.rows(
                        parquet, "unique_id", "ds", "step", "model", "model_spec", "forecast", "lo-80", "hi-80"));
        assertEquals("date", metadata(parquet).get(ForecastsParquet.DS_KEY));
        assertEquals("none", metadata(parquet).get(ForecastsParquet.ZONE_KEY));
    }

    @Test
    void wideShapeWithUtcDateTimesHasADoubleColumnPerModel() throws IOException {
        Path parquet = ForecastsParquet.convert(csv("unique_id,ds,ets,ets-lo-80,theta\n"
                + "a,2024-01-01T01:00:00Z,1,0.5,2\n"
                + "a,2024-01-01 02:00:00+01:00,1,0.5,2\n"));
        assertEquals(
                "message forecasts {\n"
                        + "  optional binary unique_id (STRING);\n"
                        + "  optional int64 ds (TIMESTAMP(MICROS,true));\n"
                        + "  optional double ets;\n"
                        + "  optional double ets-lo-80;\n"
                        + "  optional double theta;\n"
                        + "}\n",
                schema(parquet).toString());
        long t = 1_704_070_800_000_000L; // 2024-01-01T01:00:00Z
        assertEquals(
                List.of("a," + t + ",1.0", "a," + t + ",1.0"), ParquetFixtures.rows(parquet, "unique_id", "ds", "ets"));
        assertEquals("UTC", metadata(parquet).get(ForecastsParquet.ZONE_KEY));
    }

    @Test
    void wallClockTimesIntegersAndMonthLabels() throws IOException {
        Path local = ForecastsParquet.convert(csv("unique_id,ds,forecast\na,2024-01-01 01:00,1\n"));
        assertTrue(schema(local).toString().contains("optional int64 ds (TIMESTAMP(MICROS,false));"));
        assertEquals("local", metadata(local).get(ForecastsParquet.DS_KEY));
        Path ints = ForecastsParquet.convert(csv("unique_id,ds,forecast\na,101,1\n"));
        assertTrue(schema(ints).toString().contains("optional int64 ds;"));
        Path months = ForecastsParquet.convert(csv("unique_id,ds,forecast\na,1995-04,1\n"));
        assertTrue(schema(months).toString().contains("optional binary ds (STRING);"));
    }

    @Test
    void aFailedConversionKeepsTheCsvAndSaysSo() throws IOException {
        Path csv = csv("unique_id,ds,forecast\na,1,1\n");
        Files.createDirectories(dir.resolve("forecasts.parquet").resolve("in-the-way"));
        IOException e = assertThrows(IOException.class, () -> ForecastsParquet.convert(csv));
        assertTrue(
                e.getMessage().startsWith("cannot write " + dir.resolve("forecasts.parquet") + " ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); the forecasts are in " + csv), e.getMessage());
        assertTrue(Files.exists(csv));
        assertFalse(Files.exists(dir.resolve(".forecasts.parquet.tmp")));
    }

    @Test
    void restoringTheCsvForAResumeGivesBackTheSameText() throws IOException {
        String text = "unique_id,ds,step,model,forecast,lo-80,hi-80\n"
                + "b,2024-01-02,1,ets,1.5,,2\n"
                + "a,2024-01-03,2,naive,2640,0.1,1E-9\n";
        Path parquet = ForecastsParquet.convert(csv(text));
        Path back = dir.resolve("forecasts.csv");
        ForecastsCsvRestore.restore(parquet, back);
        assertEquals(text, Files.readString(back));
        Files.delete(back);
        ForecastsCsvRestore.restore(
                ForecastsParquet.convert(
                        csv("unique_id,ds,forecast\na,2024-01-01 01:00:00,1\na,2024-01-01T02:00:00Z,2\n")),
                back);
        assertEquals(
                "unique_id,ds,forecast\na,2024-01-01 01:00:00,1\na,2024-01-01T02:00:00Z,2\n", Files.readString(back));
    }
}
