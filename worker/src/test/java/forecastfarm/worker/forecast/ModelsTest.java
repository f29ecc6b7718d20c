package forecastfarm.worker.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.shared.forecast.ModelCatalog;
import forecastfarm.shared.forecast.ModelCatalog.Argument;
import forecastfarm.shared.forecast.ModelDeclaration;
import forecastfarm.shared.forecast.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void namesInRegistryOrder() {
        assertEquals(
                List.of(
                        "naive", "snaive", "mean", "drift", "naive2", "theta", "ets", "arima", "ces", "dot", "mstl",
                        "comb", "auto"),
                Models.names());
        assertEquals(
                ModelCatalog.MODELS.builtInNames(),
                Models.names(),
                "the launcher checks names against the shared list; without a plugin the worker has the built-in ones");
        assertThrows(UnsupportedOperationException.class, () -> Models.names().add("arima"));
    }

    @Test
    void byNameReturnsTheModelWithThatName() {
        for (String name : Models.names()) {
            assertEquals(name, Models.byName(name).name());
        }
    }

    @Test
    void unknownNameIsNamedAndKnownOnesListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.byName("prophet"));
        assertTrue(e.getMessage().contains("'prophet'"), e.getMessage());
        for (String name : Models.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Models.byName(null));
        assertThrows(IllegalArgumentException.class, () -> Models.byName("Naive"));
    }

    /** The launcher refuses or lets through arguments by the shared declarations; the models must agree. */
    @Test
    void everyModelTakesTheArgumentTheCatalogDeclares() {
        double[] y = {10, 12, 11, 15, 14, 16, 18, 17, 19, 21};
        for (ModelDeclaration declaration : ModelCatalog.MODELS.declarations()) {
            if (!declaration.builtIn()) {
                continue;
            }
            ForecastModel model = Models.byName(declaration.name());
            if (declaration.argument() == Argument.NONE) {
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class, () -> model.withArguments(List.of("naive")));
                assertEquals(declaration.name() + " takes no argument", e.getMessage());
            } else {
                assertEquals(Argument.MODELS, declaration.argument(), "no built-in model takes a text argument yet");
                String listed = declaration.mostModels() == 1 ? "naive" : "naive+drift";
                ModelSpec spec = ModelSpec.parse("--model", declaration.name() + ":" + listed);
                ForecastModel given = Models.forSpec(spec);
                assertEquals(declaration.name() + ":" + listed, given.name());
                assertEquals(1, given.fit(y, 1).forecast(1, new double[0]).horizon());
            }
        }
    }

    @Test
    void forSpecWithoutAnArgumentIsTheRegisteredModel() {
        for (String name : Models.names()) {
            assertSame(Models.byName(name), Models.forSpec(ModelSpec.parse("--model", name)));
        }
    }

    @Test
    void aPluginModelWithoutItsPluginSaysHowToBuildIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.byName("onnx"));
        assertTrue(e.getMessage().startsWith("model 'onnx' needs the onnx plugin"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -q -DskipTests package -pl worker/onnx -am"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Models.forSpec(ModelSpec.parse("--model", "onnx:/models/chronos.onnx")));
    }
}
