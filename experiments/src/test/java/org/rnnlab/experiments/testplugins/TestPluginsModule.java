package org.rnnlab.experiments.testplugins;

import com.google.inject.AbstractModule;
import org.rnnlab.api.cell.Cell;
import org.rnnlab.api.cell.CellFactory;
import org.rnnlab.api.cell.CellShape;
import org.rnnlab.api.config.Doc;
import org.rnnlab.api.config.NoConfig;
import org.rnnlab.api.config.PluginConfig;
import org.rnnlab.api.loss.Loss;
import org.rnnlab.api.loss.LossFactory;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.optim.OptimizerFactory;
import org.rnnlab.api.reg.Regularizer;
import org.rnnlab.api.reg.RegularizerFactory;
import org.rnnlab.plugins.core.FrameworkModule;
import org.rnnlab.plugins.core.PluginBinder;

/**
 * Spec-binding test doubles, registered through {@link java.util.ServiceLoader} exactly as a
 * third-party plugin jar would be (see META-INF/services in src/test/resources). They exist to
 * exercise config binding and {@code spec --explain}; nothing here is ever trained, so their
 * {@code create} methods refuse to build a working object. Keys start with {@code test_} so they
 * can never collide with the built-in plugins.
 */
public final class TestPluginsModule extends AbstractModule implements FrameworkModule {
  @Override
  protected void configure() {
    PluginBinder.cells(binder()).add("test_cell", new CellDouble());
    PluginBinder.losses(binder()).add("test_mse", new LossDouble(false)).add("test_xent", new LossDouble(true));
    PluginBinder.optimizers(binder()).add("test_sgd", new OptimizerDouble());
    PluginBinder.regularizers(binder()).add("test_clip", new RegularizerDouble());
  }

  /**
   * @param forgetBias a double with a default
   * @param peephole a boolean with a default
   * @param init a nested record with defaults
   */
  public record TestCellConfig(
      @Doc("Initial forget-gate bias.") double forgetBias,
      @Doc("Use peephole connections.") boolean peephole,
      @Doc("Weight initialisation.") TestInit init) implements PluginConfig {}

  /**
   * @param scheme initialisation scheme name
   * @param gain scale factor
   */
  public record TestInit(@Doc("Scheme name.") String scheme, @Doc("Scale factor.") double gain) {}

  /**
   * @param lr learning rate
   * @param momentum momentum factor
   */
  public record TestSgdConfig(
      @Doc("Learning rate.") double lr,
      @Doc("Momentum factor in [0, 1).") double momentum) implements PluginConfig {
    /** Rejects momentum outside [0, 1). */
    public TestSgdConfig {
      if (momentum < 0 || momentum >= 1) {
        throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
      }
    }
  }

  /** @param maxNorm clipping threshold */
  public record TestClipConfig(@Doc("Largest allowed global gradient norm.") double maxNorm) implements PluginConfig {}

  private static UnsupportedOperationException notTrainable() {
    return new UnsupportedOperationException("spec-binding test double, not trainable");
  }

  static final class CellDouble implements CellFactory<TestCellConfig> {
    @Override public Class<TestCellConfig> configType() { return TestCellConfig.class; }
    @Override public TestCellConfig defaults() { return new TestCellConfig(1.0, false, new TestInit("uniform", 1.0)); }
    @Override public String description() { return "Test double of a cell."; }
    @Override public Cell create(TestCellConfig config, CellShape shape) { throw notTrainable(); }
  }

  static final class LossDouble implements LossFactory<NoConfig> {
    private final boolean classes;
    LossDouble(boolean classes) { this.classes = classes; }
    @Override public Class<NoConfig> configType() { return NoConfig.class; }
    @Override public NoConfig defaults() { return new NoConfig(); }
    @Override public String description() { return "Test double of a " + (classes ? "class" : "regression") + " loss."; }
    @Override public Loss create(NoConfig config) {
      return new Loss() {
        @Override public double evaluate(org.rnnlab.api.kernel.KernelOps ops, org.rnnlab.api.tensor.Tensor p,
            org.rnnlab.api.tensor.Tensor t, org.rnnlab.api.tensor.Tensor m, org.rnnlab.api.tensor.Tensor g) {
          throw notTrainable();
        }
        @Override public boolean classIndexTargets() { return classes; }
      };
    }
  }

  static final class OptimizerDouble implements OptimizerFactory<TestSgdConfig> {
    @Override public Class<TestSgdConfig> configType() { return TestSgdConfig.class; }
    @Override public TestSgdConfig defaults() { return new TestSgdConfig(0.01, 0.0); }
    @Override public String description() { return "Test double of an optimizer."; }
    @Override public Optimizer create(TestSgdConfig config) { throw notTrainable(); }
  }

  static final class RegularizerDouble implements RegularizerFactory<TestClipConfig> {
    @Override public Class<TestClipConfig> configType() { return TestClipConfig.class; }
    @Override public TestClipConfig defaults() { return new TestClipConfig(1.0); }
    @Override public String description() { return "Test double of gradient clipping."; }
    @Override public Regularizer create(TestClipConfig config) { throw notTrainable(); }
  }
}
