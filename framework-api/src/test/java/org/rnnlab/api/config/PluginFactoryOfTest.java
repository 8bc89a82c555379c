package org.rnnlab.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.tensor.DType;

class PluginFactoryOfTest {
  /** A config type other than {@link NoConfig}, to check the type guard. */
  private record Other(int x) implements PluginConfig {}

  @Test
  void familyHelperAnswersTheDescriptorsValuesAndPassesTheConfigToTheCreator() {
    NoConfig defaults = new NoConfig();
    Loss made = (ops, prediction, target, mask, grad) -> 0;
    NoConfig[] seen = new NoConfig[1];
    LossFactory<NoConfig> f = LossFactory.of(NoConfig.class, defaults, "A test loss.", c -> {
      seen[0] = c;
      return made;
    });
    assertEquals(NoConfig.class, f.configType());
    assertSame(defaults, f.defaults());
    assertEquals("A test loss.", f.description());
    NoConfig given = new NoConfig();
    assertSame(made, f.createFrom(given));
    assertSame(given, seen[0]);
  }

  @Test
  void cellHelperPassesConfigAndShapeToTheCreator() {
    CellShape shape = new CellShape(2, 3, DType.FLOAT32);
    CellShape[] seen = new CellShape[1];
    CellFactory<NoConfig> f = CellFactory.of(NoConfig.class, new NoConfig(), "A test cell.",
        (c, s) -> {
          seen[0] = s;
          return null;
        });
    f.create(new NoConfig(), shape);
    assertSame(shape, seen[0]);
    assertEquals("A test cell.", f.description());
  }

  @Test
  void descriptorRejectsDefaultsOfAnotherConfigType() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PluginFactory.Descriptor(NoConfig.class, new Other(1), "x"));
    assertEquals("defaults Other are not a NoConfig", e.getMessage());
  }

  @Test
  void createFromRejectsAConfigOfAnotherPlugin() {
    LossFactory<NoConfig> f = LossFactory.of(NoConfig.class, new NoConfig(), "d",
        c -> (ops, prediction, target, mask, grad) -> 0);
    assertThrows(IllegalArgumentException.class, () -> f.createFrom(new Other(1)));
  }
}
