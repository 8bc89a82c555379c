package org.rnnlab.plugins.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TorchOptimizerNamesTest {

  @Test
  void mapsAdamWithBetasArrayAndIntegerBooleans() {
    TorchOptimizerNames.Mapping m = TorchOptimizerNames.configFor("Adam",
        Map.of("lr", 0.02, "betas", new double[] {0.8, 0.95}, "amsgrad", 1L, "weight_decay", 0.03));
    assertEquals("adam", m.typeKey());
    assertEquals(new AdamConfig(0.02, 0.8, 0.95, 1e-8, 0.03, true), m.config());
  }

  @Test
  void absentArgumentsKeepTorchDefaults() {
    assertEquals(AdamWConfig.defaults(), TorchOptimizerNames.configFor("AdamW", Map.of()).config());
    assertEquals(RmsPropConfig.defaults(), TorchOptimizerNames.configFor("RMSprop", Map.of()).config());
    assertEquals(AdagradConfig.defaults(), TorchOptimizerNames.configFor("Adagrad", Map.of()).config());
    assertEquals(new SgdConfig(0.5, 0, 0, false, 0),
        TorchOptimizerNames.configFor("SGD", Map.of("lr", new double[] {0.5})).config());
  }

  @Test
  void mapsEveryArgumentOfRmspropAndAdagrad() {
    assertEquals(new RmsPropConfig(0.005, 0.9, 1e-7, 0.01, 0.7, true), TorchOptimizerNames.configFor("RMSprop",
        Map.of("lr", 0.005, "alpha", 0.9, "eps", 1e-7, "weight_decay", 0.01, "momentum", 0.7, "centered", true))
        .config());
    assertEquals(new AdagradConfig(0.1, 0.05, 0.01, 0.1, 1e-9), TorchOptimizerNames.configFor("Adagrad",
        Map.of("lr", 0.1, "lr_decay", 0.05, "weight_decay", 0.01, "initial_accumulator_value", 0.1, "eps", 1e-9))
        .config());
  }

  @Test
  void unknownHyperParameterIsNamedWithTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TorchOptimizerNames.configFor("SGD", Map.of("lr", 0.1, "momentun", 0.9)));
    assertTrue(e.getMessage().contains("[momentun]") && e.getMessage().contains("momentum"), e.getMessage());
  }

  @Test
  void maximizeIsAcceptedOnlyWhenFalse() {
    assertEquals("sgd", TorchOptimizerNames.configFor("SGD", Map.of("lr", 0.1, "maximize", false, "foreach", 1)).typeKey());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TorchOptimizerNames.configFor("Adam", Map.of("maximize", true)));
    assertTrue(e.getMessage().contains("maximize"), e.getMessage());
  }

  @Test
  void wrongKindsAndUnknownClassesFailClearly() {
    IllegalArgumentException cls = assertThrows(IllegalArgumentException.class,
        () -> TorchOptimizerNames.configFor("Adamax", Map.of()));
    assertTrue(cls.getMessage().contains("'Adamax'") && cls.getMessage().contains("RMSprop"), cls.getMessage());
    IllegalArgumentException betas = assertThrows(IllegalArgumentException.class,
        () -> TorchOptimizerNames.configFor("Adam", Map.of("betas", List.of(0.9))));
    assertTrue(betas.getMessage().contains("'betas' must be two numbers"), betas.getMessage());
    IllegalArgumentException lr = assertThrows(IllegalArgumentException.class,
        () -> TorchOptimizerNames.configFor("SGD", Map.of("momentum", 0.9)));
    assertTrue(lr.getMessage().contains("'lr' is required"), lr.getMessage());
    IllegalArgumentException bool = assertThrows(IllegalArgumentException.class,
        () -> TorchOptimizerNames.configFor("Adam", Map.of("amsgrad", 2)));
    assertTrue(bool.getMessage().contains("amsgrad"), bool.getMessage());
  }
}
