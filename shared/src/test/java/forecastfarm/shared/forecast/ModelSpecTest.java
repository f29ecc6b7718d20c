package forecastfarm.shared.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code --model} syntax: every accepted form and every refusal, verbatim. */
class ModelSpecTest {

    private static final String KNOWN = "naive, snaive, mean, drift, naive2, theta, ets, arima, ces, dot,"
            + " mstl[:MODEL+transform=log|none], comb[:MODEL+MODEL...+combine=mean|median],"
            + " auto[:MODEL+MODEL...+by=mase|smape|rmse|msis+windows=K], onnx:PATH";

    /** The built-in models plus the two argument kinds no built-in model has yet (a required list, a text). */
    private static final ModelCatalog WITH_REQUIRED_ARGUMENTS = new ModelCatalog(List.of(
            ModelDeclaration.plain("ets"),
            ModelDeclaration.plain("theta"),
            ModelDeclaration.ofModels("comb", List.of("ets", "theta")),
            ModelDeclaration.ofModels("auto", List.of()),
            ModelDeclaration.withText("onnx", "PATH")));

    private static List<String> canonical(final String text) {
        return ModelSpec.texts(ModelSpec.parseList("--model", text));
    }

    private static String refusal(final String text) {
        return assertThrows(IllegalArgumentException.class, () -> ModelSpec.parseList("--model", text))
                .getMessage();
    }

    private static String refusalWithRequired(final String text) {
        return assertThrows(IllegalArgumentException.class, () -> WITH_REQUIRED_ARGUMENTS.parseList("--model", text))
                .getMessage();
    }

    @Test
    void namesAloneInTheOrderWritten() {
        assertEquals(List.of("ets", "theta"), canonical("ets,theta"));
        assertEquals(List.of("theta", "ets"), canonical("theta,ets"));
        assertEquals(
                ModelCatalog.MODELS.builtInNames(), canonical(String.join(",", ModelCatalog.MODELS.builtInNames())));
    }

    @Test
    void spacesAroundNamesAreDroppedFromTheCanonicalText() {
        assertEquals(List.of("ets", "theta", "comb:ets+arima"), canonical(" ets , theta,comb: ets + arima "));
    }

    @Test
    void aListArgumentKeepsItsOrder() {
        final ModelSpec spec = ModelSpec.parse("--model", "comb:theta+ets+arima");
        assertEquals("comb", spec.name());
        assertEquals(List.of("theta", "ets", "arima"), spec.arguments());
        assertTrue(spec.hasArgument());
        assertEquals("comb:theta+ets+arima", spec.toString());
        assertEquals(ModelSpec.parse("--model", "comb: theta+ets +arima"), spec);
    }

    @Test
    void aModelWhoseArgumentIsOptionalMayStandAlone() {
        final ModelSpec comb = ModelSpec.parse("--model", "comb");
        assertFalse(comb.hasArgument());
        assertEquals(List.of(), comb.arguments());
        assertEquals(List.of("comb", "comb:ets+theta"), canonical("comb,comb:ets+theta"));
        final ModelDeclaration declared = ModelCatalog.MODELS.find("comb").orElseThrow();
        assertEquals(
                List.of("arima", "ces", "dot", "mstl", "drift", "snaive"),
                declared.defaultModels(),
                "comb alone: the members cross-validation chose (README)");
        assertEquals("median", declared.aloneValue("combine"), "comb alone is their median");
        assertEquals("mean", declared.setting("combine").orElseThrow().defaultValue(), "a written list, their mean");
    }

    @Test
    void whatANameAloneSetsMustBeADeclaredSettingWithAnAcceptedValue() {
        final ModelDeclaration comb = ModelDeclaration.ofModels(
                "comb", List.of("ets"), ModelSetting.oneOf("combine", List.of("mean", "median")));
        assertEquals("mean", comb.aloneValue("combine"));
        assertEquals("median", comb.whenAlone("combine", "median").aloneValue("combine"));
        assertEquals(
                "comb alone sets an undeclared 'by'",
                assertThrows(IllegalArgumentException.class, () -> comb.whenAlone("by", "smape"))
                        .getMessage());
        assertEquals(
                "must be one of mean, median",
                assertThrows(IllegalArgumentException.class, () -> comb.whenAlone("combine", "mode"))
                        .getMessage());
    }

    @Test
    void aTextArgumentIsTakenWholeAfterTheFirstColon() {
        final ModelSpec onnx = WITH_REQUIRED_ARGUMENTS.parse("--model", "onnx:/models/a+b:v2.onnx");
        assertEquals(List.of("/models/a+b:v2.onnx"), onnx.arguments());
        assertEquals("onnx:/models/a+b:v2.onnx", onnx.toString());
        assertEquals(
                List.of("auto:ets+comb", "onnx:m.onnx"),
                ModelSpec.texts(WITH_REQUIRED_ARGUMENTS.parseList("x", "auto:ets+comb,onnx:m.onnx")));
    }

    @Test
    void usagesShowWhichArgumentEachModelTakes() {
        assertEquals(KNOWN, ModelCatalog.MODELS.usages());
        assertEquals(
                "ets, theta, comb[:MODEL+MODEL...], auto:MODEL+MODEL..., onnx:PATH", WITH_REQUIRED_ARGUMENTS.usages());
    }

    @Test
    void emptyListsAndPartsAreRefused() {
        assertEquals("--model '': no model named; known models: " + KNOWN, refusal(""));
        assertEquals("--model ' ': no model named; known models: " + KNOWN, refusal(" "));
        assertEquals("--model ',ets': empty part before the first ','", refusal(",ets"));
        assertEquals("--model 'ets,': trailing ','; remove it or name a model after it", refusal("ets,"));
        assertEquals("--model 'ets,,theta': empty part after 'ets,' (two ',' in a row)", refusal("ets,,theta"));
        assertEquals("--model 'ets, ,theta': empty part after 'ets,' (two ',' in a row)", refusal("ets, ,theta"));
    }

    @Test
    void unknownNamesAreNamedWithTheKnownOnes() {
        assertEquals("--model 'ets,thta': unknown model 'thta'; known models: " + KNOWN, refusal("ets,thta"));
        assertEquals(
                "--model 'naive,ETS': unknown model 'ETS' (names are lower case); known models: " + KNOWN,
                refusal("naive,ETS"));
        assertEquals(
                "--model 'comb:ets+thta': unknown model 'thta' in the argument of comb; known models: " + KNOWN,
                refusal("comb:ets+thta"));
        assertEquals(
                "--model 'comb:Theta+ets': unknown model 'Theta' in the argument of comb (names are lower case);"
                        + " known models: " + KNOWN,
                refusal("comb:Theta+ets"));
        assertEquals("--model 'thta:ets': unknown model 'thta'; known models: " + KNOWN, refusal("thta:ets"));
    }

    @Test
    void aPlusOutsideAnArgumentIsRefused() {
        assertEquals(
                "--model 'ets+theta': '+' outside an argument in 'ets+theta'; separate models with ',' (ets,theta)"
                        + " or give them as an argument (comb:ets+theta)",
                refusal("ets+theta"));
        assertEquals(
                "--model 'naive,ets+theta:x': '+' outside an argument in 'ets+theta:x'; separate models with ','"
                        + " (ets,theta) or give them as an argument (comb:ets+theta)",
                refusal("naive,ets+theta:x"));
    }

    @Test
    void argumentsWhereNoneIsAllowedAreRefused() {
        assertEquals("--model 'ets:3': ets takes no argument", refusal("ets:3"));
        assertEquals("--model 'naive,theta:': theta takes no argument", refusal("naive,theta:"));
        assertEquals("--model ':ets': no model name before ':' in ':ets'", refusal(":ets"));
    }

    @Test
    void missingOrEmptyArgumentsAreRefused() {
        assertEquals(
                "--model 'comb:': empty argument after 'comb:'; write comb or comb:MODEL+MODEL...", refusal("comb:"));
        assertEquals("--model 'onnx': onnx needs an argument: onnx:PATH", refusalWithRequired("onnx"));
        assertEquals("--model 'auto': auto needs an argument: auto:MODEL+MODEL...", refusalWithRequired("auto"));
        assertEquals("--model 'onnx: ': empty argument after 'onnx:'; write onnx:PATH", refusalWithRequired("onnx: "));
    }

    @Test
    void badModelsInAListArgumentAreRefused() {
        assertEquals(
                "--model 'comb:ets++theta': empty model in the argument of comb ('ets++theta')",
                refusal("comb:ets++theta"));
        assertEquals("--model 'comb:ets+': empty model in the argument of comb ('ets+')", refusal("comb:ets+"));
        assertEquals(
                "--model 'comb:ets+auto:theta': 'auto:theta' in the argument of comb: only a model with a text"
                        + " argument (onnx:PATH) takes an argument inside a list",
                refusal("comb:ets+auto:theta"));
        assertEquals("--model 'comb:ets+comb:theta': comb cannot list itself", refusal("comb:ets+comb:theta"));
        assertEquals("--model 'comb:ets+theta:2': theta takes no argument", refusal("comb:ets+theta:2"));
        assertEquals("--model 'comb:ets+comb': comb cannot list itself", refusal("comb:ets+comb"));
        assertEquals("--model 'comb:ets+ets': 'ets' is named twice in the argument of comb", refusal("comb:ets+ets"));
        assertEquals(
                "--model 'comb:ets+onnx': onnx in the argument of comb needs an argument of its own: onnx:PATH",
                refusalWithRequired("comb:ets+onnx"));
    }

    @Test
    void aListedModelMayTakeATextArgument() {
        assertEquals(
                List.of("comb:ets+onnx:/m/a.onnx", "auto:onnx:m/v=2.onnx+theta+by=smape", "mstl:onnx:a.onnx"),
                canonical("comb:ets+ onnx: /m/a.onnx , auto:onnx:m/v=2.onnx+theta+by=smape, mstl:onnx:a.onnx"));
        final ModelSpec comb = ModelSpec.parse("--model", "comb:onnx:a.onnx+onnx:b.onnx+combine=median");
        assertEquals(List.of("onnx:a.onnx", "onnx:b.onnx"), comb.listedModels());
        assertEquals(Map.of("combine", "median"), comb.settings());
        assertEquals(
                "--model 'comb:onnx:a.onnx+onnx:a.onnx': 'onnx:a.onnx' is named twice in the argument of comb",
                refusal("comb:onnx:a.onnx+onnx:a.onnx"));
        assertEquals(
                "--model 'comb:ets+onnx:': empty argument after 'onnx:'; write onnx:PATH", refusal("comb:ets+onnx:"));
    }

    @Test
    void aModelTakingOnePlainModelRefusesMoreOrAModelOfModels() {
        assertEquals(List.of("mstl", "mstl:arima", "comb:mstl+ets"), canonical("mstl, mstl:arima, comb:mstl+ets"));
        assertEquals(
                "--model 'mstl:ets+arima': mstl takes at most 1 model, got 2 (ets+arima): mstl[:MODEL+transform=log|none]",
                refusal("mstl:ets+arima"));
        assertEquals(
                "--model 'mstl:comb': 'comb' in the argument of mstl: mstl takes a plain model, not a model of models",
                refusal("mstl:comb"));
        assertEquals(
                "--model 'mstl:auto': 'auto' in the argument of mstl: mstl takes a plain model, not a model of models",
                refusal("mstl:auto"));
        assertEquals("--model 'mstl:mstl': mstl cannot list itself", refusal("mstl:mstl"));
        final ModelDeclaration two =
                ModelDeclaration.ofModels("pair", List.of()).atMostPlainModels(2);
        assertEquals("pair:MODEL+MODEL...", two.usage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelDeclaration.plain("ets").atMostPlainModels(1));
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelDeclaration.ofModels("comb", List.of("ets", "theta")).atMostPlainModels(1),
                "more defaults than it takes");
    }

    @Test
    void autoIsDeclaredWithItsDefaultMembersAndSettings() {
        final ModelDeclaration auto = ModelCatalog.MODELS.find("auto").orElseThrow();
        assertEquals(List.of("ets", "theta", "arima", "comb"), auto.defaultModels());
        assertEquals("mase", auto.setting("by").orElseThrow().defaultValue());
        assertEquals("2", auto.setting("windows").orElseThrow().defaultValue());
        assertEquals(
                List.of("mase", "smape", "rmse", "msis"),
                auto.setting("by").orElseThrow().choices());
    }

    @Test
    void settingsFollowTheModelsInDeclaredOrderAndDefaultsAreLeftOut() {
        assertEquals(
                List.of("auto:ets+theta+by=smape+windows=3"), canonical("auto: windows=03 + ets + by=smape + theta"));
        final ModelSpec spec = ModelSpec.parse("--model", "auto:ets+theta+windows=3+by=smape");
        assertEquals(List.of("ets", "theta"), spec.listedModels());
        assertEquals(java.util.Map.of("by", "smape", "windows", "3"), spec.settings());
        assertEquals(List.of("ets", "theta", "by=smape", "windows=3"), spec.arguments());
        assertEquals(
                "auto", ModelSpec.parse("--model", "auto:by=mase+windows=2").toString());
        assertFalse(ModelSpec.parse("--model", "auto:by=mase").hasArgument());
        assertEquals("auto:ets", ModelSpec.parse("--model", "auto:ets+by=mase").toString());
        assertEquals("auto:by=msis", ModelSpec.parse("--model", "auto:by=msis").toString());
        assertEquals(List.of(), ModelSpec.parse("--model", "auto:by=msis").listedModels());
        assertEquals(List.of("auto:by=rmse", "comb"), canonical("auto:by=rmse,comb"));
    }

    @Test
    void theCanonicalTextParsesToItself() {
        for (final String text : List.of(
                "auto", "auto:ets+comb", "auto:by=smape", "auto:windows=5", "auto:naive+snaive+by=msis+windows=4")) {
            final ModelSpec spec = ModelSpec.parse("--model", text);
            assertEquals(text, spec.toString());
            assertEquals(spec, ModelSpec.parse("--model", spec.toString()));
        }
    }

    @Test
    void aSpecWithSettingsReplacesThoseItHas() {
        final ModelSpec spec = ModelSpec.parse("--model", "auto:ets+theta+by=smape");
        assertEquals(
                "auto:ets+theta+by=rmse+windows=4",
                ModelCatalog.MODELS
                        .withSettings("--select-by", spec, java.util.Map.of("by", "rmse", "windows", "4"))
                        .toString());
        assertEquals(
                "auto",
                ModelCatalog.MODELS
                        .withSettings(
                                "--select-by", ModelSpec.parse("m", "auto:by=smape"), java.util.Map.of("by", "mase"))
                        .toString());
    }

    @Test
    void badSettingsAreRefusedNamingThem() {
        assertEquals(
                "--model 'auto:ets+by=mae': 'by=mae' in the argument of auto: by must be one of mase, smape, rmse, msis",
                refusal("auto:ets+by=mae"));
        assertEquals(
                "--model 'auto:windows=0': 'windows=0' in the argument of auto: windows must be a whole number from 1"
                        + " to 100",
                refusal("auto:windows=0"));
        assertEquals(
                "--model 'auto:windows=two': 'windows=two' in the argument of auto: windows must be a whole number"
                        + " from 1 to 100",
                refusal("auto:windows=two"));
        assertEquals(
                "--model 'auto:windows=-1': 'windows=-1' in the argument of auto: windows must be a whole number from"
                        + " 1 to 100",
                refusal("auto:windows=-1"));
        assertEquals(
                "--model 'auto:ets+step=3': unknown setting 'step' in the argument of auto; auto takes"
                        + " by=mase|smape|rmse|msis, windows=K",
                refusal("auto:ets+step=3"));
        assertEquals(
                "--model 'auto:by=smape+by=rmse': 'by' is set twice in the argument of auto",
                refusal("auto:by=smape+by=rmse"));
        assertEquals(
                "--model 'comb:ets+by=smape': unknown setting 'by' in the argument of comb; comb takes"
                        + " combine=mean|median",
                refusal("comb:ets+by=smape"));
        assertEquals(
                "--model 'comb:ets+combine=mode': 'combine=mode' in the argument of comb: combine must be one of mean,"
                        + " median",
                refusal("comb:ets+combine=mode"));
        assertEquals(
                "--model 'comb:ets+by=smape': 'by=smape' in the argument of comb: comb takes models only, no settings",
                refusalWithRequired("comb:ets+by=smape"));
        assertEquals("--model 'auto:ets+auto': auto cannot list itself", refusal("auto:ets+auto"));
        assertEquals(
                "--model 'auto:by=smape,auto:by=smape+windows=2': 'auto:by=smape' is named twice",
                refusal("auto:by=smape,auto:by=smape+windows=2"));
        assertEquals(
                "--model 'auto:by=smape+': empty model in the argument of auto ('by=smape+')",
                refusal("auto:by=smape+"));
    }

    @Test
    void aSpecNamedTwiceIsRefused() {
        assertEquals("--model 'ets,theta,ets': 'ets' is named twice", refusal("ets,theta,ets"));
        assertEquals(
                "--model 'comb:ets+theta,comb: ets+theta': 'comb:ets+theta' is named twice",
                refusal("comb:ets+theta,comb: ets+theta"));
    }

    @Test
    void parseTakesExactlyOneSpecAndTheLabelLeadsEveryMessage() {
        assertEquals(
                "model 'ets,theta': names 2 models; one was expected",
                assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("model", "ets,theta"))
                        .getMessage());
        assertEquals(
                "models 'x': unknown model 'x'; known models: " + KNOWN,
                assertThrows(IllegalArgumentException.class, () -> ModelSpec.parseList("models", "x"))
                        .getMessage());
    }

    @Test
    void aCatalogRefusesDuplicateNamesAndDefaultsNotDeclaredBefore() {
        assertEquals(
                "model 'ets' is declared twice",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new ModelCatalog(
                                        List.of(ModelDeclaration.plain("ets"), ModelDeclaration.plain("ets"))))
                        .getMessage());
        assertEquals(
                "comb defaults to 'ets', declared after it",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new ModelCatalog(List.of(
                                        ModelDeclaration.ofModels("comb", List.of("ets")),
                                        ModelDeclaration.plain("ets"))))
                        .getMessage());
    }

    @Test
    void onnxIsTheOnlyPluginModelAndTheBuiltInNamesLeaveItOut() {
        final ModelDeclaration onnx = ModelCatalog.MODELS.find("onnx").orElseThrow();
        assertEquals("onnx", onnx.plugin());
        assertEquals("mvn -q -DskipTests package -pl worker/onnx -am", onnx.pluginBuildCommand());
        assertEquals(
                List.of("onnx"),
                ModelCatalog.MODELS.names().stream()
                        .filter(name -> !ModelCatalog.MODELS.builtInNames().contains(name))
                        .toList());
        assertTrue(ModelCatalog.MODELS.find("ets").orElseThrow().builtIn());
        assertThrows(
                IllegalStateException.class,
                () -> ModelCatalog.MODELS.find("ets").orElseThrow().pluginBuildCommand());
    }

    @Test
    void pluginModelsAreThoseASpecListNames() {
        assertEquals(
                List.of(), ModelCatalog.MODELS.pluginModels(ModelSpec.parseList("--model", "naive,comb:ets+theta")));
        assertEquals(
                List.of(ModelCatalog.MODELS.find("onnx").orElseThrow()),
                ModelCatalog.MODELS.pluginModels(ModelSpec.parseList("--model", "naive,onnx:/m/a.onnx,onnx:b.onnx")));
        assertEquals(
                List.of(ModelCatalog.MODELS.find("onnx").orElseThrow()),
                ModelCatalog.MODELS.pluginModels(ModelSpec.parseList("--model", "naive,comb:ets+onnx:/m/a.onnx")));
    }

    @Test
    void aSpecsModelsAndSettingsAreWhatItWritesElseWhatItsNameAloneOrItsDeclarationMeans() {
        ModelDeclaration comb = ModelCatalog.MODELS.find("comb").orElseThrow();
        assertEquals("median", comb.valueIn(ModelCatalog.MODELS.parse("m", "comb"), "combine"));
        assertEquals("mean", comb.valueIn(ModelCatalog.MODELS.parse("m", "comb:ets+theta"), "combine"));
        assertEquals(
                "median", comb.valueIn(ModelCatalog.MODELS.parse("m", "comb:ets+theta+combine=median"), "combine"));
        assertEquals(comb.defaultModels(), comb.modelsIn(ModelCatalog.MODELS.parse("m", "comb")));
        assertEquals(List.of("ets", "theta"), comb.modelsIn(ModelCatalog.MODELS.parse("m", "comb:ets+theta")));

        ModelDeclaration mstl = ModelCatalog.MODELS.find("mstl").orElseThrow();
        assertEquals("log", mstl.valueIn(ModelCatalog.MODELS.parse("m", "mstl:arima"), "transform"));
        assertEquals("none", mstl.valueIn(ModelCatalog.MODELS.parse("m", "mstl:transform=none"), "transform"));
        assertEquals(List.of("ets"), mstl.modelsIn(ModelCatalog.MODELS.parse("m", "mstl:transform=none")));
    }
}
