package org.rnnlab.plugins.optim;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rnnlab.api.config.PluginConfig;

/**
 * Maps a {@code torch.optim} class name and its keyword arguments (PyTorch names, as stored in
 * the {@code hyper} group of a parity fixture or found in a PyTorch script) to the rnnlab type key
 * and config record that reproduce it. Arguments that are absent keep PyTorch's defaults. Pure
 * function, no I/O; thread-safe.
 *
 * <p>Accepted values: numbers ({@link Number}), booleans ({@link Boolean} or a number 0/1), and for
 * {@code betas} a two-element array or list of numbers; one-element arrays stand for scalars (some
 * HDF5 readers return attributes that way). Performance switches that do not change the math
 * ({@code foreach}, {@code capturable}, {@code differentiable}, {@code fused}) are accepted and
 * ignored; {@code maximize} is accepted only when false.
 */
public final class TorchOptimizerNames {
  private static final Set<String> IGNORED = Set.of("foreach", "capturable", "differentiable", "fused");

  private TorchOptimizerNames() {}

  /**
   * An rnnlab optimizer choice.
   *
   * @param typeKey the YAML {@code optimizer.type} ({@code "adam"})
   * @param config the config record for that type's factory
   */
  public record Mapping(String typeKey, PluginConfig config) {}

  /**
   * @param torchClassName {@code SGD}, {@code Adam}, {@code AdamW}, {@code RMSprop} or
   *     {@code Adagrad}
   * @param hyper keyword arguments by PyTorch name
   * @return the type key and config
   * @throws IllegalArgumentException for an unknown class, an unknown or unsupported argument, or
   *     a value of the wrong kind, naming it
   */
  public static Mapping configFor(String torchClassName, Map<String, ?> hyper) {
    Args a = new Args(torchClassName, hyper);
    Mapping m = switch (torchClassName) {
      case "SGD" -> {
        SgdConfig d = SgdConfig.defaults();
        yield new Mapping("sgd", new SgdConfig(a.required("lr"), a.number("momentum", d.momentum()),
            a.number("dampening", d.dampening()), a.bool("nesterov", d.nesterov()),
            a.number("weight_decay", d.weightDecay())));
      }
      case "Adam" -> {
        AdamConfig d = AdamConfig.defaults();
        double[] betas = a.pair("betas", d.beta1(), d.beta2());
        yield new Mapping("adam", new AdamConfig(a.number("lr", d.lr()), betas[0], betas[1],
            a.number("eps", d.eps()), a.number("weight_decay", d.weightDecay()),
            a.bool("amsgrad", d.amsgrad())));
      }
      case "AdamW" -> {
        AdamWConfig d = AdamWConfig.defaults();
        double[] betas = a.pair("betas", d.beta1(), d.beta2());
        yield new Mapping("adamw", new AdamWConfig(a.number("lr", d.lr()), betas[0], betas[1],
            a.number("eps", d.eps()), a.number("weight_decay", d.weightDecay()),
            a.bool("amsgrad", d.amsgrad())));
      }
      case "RMSprop" -> {
        RmsPropConfig d = RmsPropConfig.defaults();
        yield new Mapping("rmsprop", new RmsPropConfig(a.number("lr", d.lr()),
            a.number("alpha", d.alpha()), a.number("eps", d.eps()),
            a.number("weight_decay", d.weightDecay()), a.number("momentum", d.momentum()),
            a.bool("centered", d.centered())));
      }
      case "Adagrad" -> {
        AdagradConfig d = AdagradConfig.defaults();
        yield new Mapping("adagrad", new AdagradConfig(a.number("lr", d.lr()),
            a.number("lr_decay", d.lrDecay()), a.number("weight_decay", d.weightDecay()),
            a.number("initial_accumulator_value", d.initialAccumulatorValue()),
            a.number("eps", d.eps())));
      }
      default -> throw new IllegalArgumentException(
          "unknown torch optimizer '" + torchClassName + "'; known: Adagrad, Adam, AdamW, RMSprop, SGD");
    };
    a.requireAllUsed();
    return m;
  }

  /** Reads arguments and remembers which were consumed, so that leftovers can be reported. */
  private static final class Args {
    private final String cls;
    private final Map<String, ?> hyper;
    private final Set<String> used = new HashSet<>();

    Args(String cls, Map<String, ?> hyper) {
      this.cls = cls;
      this.hyper = hyper;
    }

    double required(String name) {
      if (!hyper.containsKey(name)) {
        throw new IllegalArgumentException("torch.optim." + cls + ": '" + name + "' is required");
      }
      return number(name, Double.NaN);
    }

    double number(String name, double fallback) {
      Object v = take(name);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      throw wrongKind(name, v, "a number");
    }

    boolean bool(String name, boolean fallback) {
      Object v = take(name);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
        return n.doubleValue() == 1;
      }
      throw wrongKind(name, v, "a boolean (or 0/1)");
    }

    double[] pair(String name, double first, double second) {
      Object v = hyper.get(name);
      used.add(name);
      if (v == null) {
        return new double[] {first, second};
      }
      List<?> items = asList(v);
      if (items.size() != 2 || !(items.get(0) instanceof Number a) || !(items.get(1) instanceof Number b)) {
        throw wrongKind(name, v, "two numbers");
      }
      return new double[] {a.doubleValue(), b.doubleValue()};
    }

    /** @return the value, unwrapped when it is a one-element array, or null when absent */
    private Object take(String name) {
      used.add(name);
      Object v = hyper.get(name);
      if (v != null && (v.getClass().isArray() || v instanceof List)) {
        List<?> items = asList(v);
        if (items.size() != 1) {
          throw wrongKind(name, v, "a single value");
        }
        return items.get(0);
      }
      return v;
    }

    void requireAllUsed() {
      Set<String> unknown = new TreeSet<>();
      for (String key : hyper.keySet()) {
        if (used.contains(key) || IGNORED.contains(key)) {
          continue;
        }
        if (key.equals("maximize") && !bool("maximize", false)) {
          continue;
        }
        unknown.add(key);
      }
      if (!unknown.isEmpty()) {
        Set<String> known = new TreeSet<>(used);
        known.add("maximize (false only)");
        known.addAll(IGNORED);
        throw new IllegalArgumentException(
            "torch.optim." + cls + ": unknown or unsupported hyper-parameters " + unknown
                + "; known: " + String.join(", ", known));
      }
    }

    private IllegalArgumentException wrongKind(String name, Object v, String expected) {
      return new IllegalArgumentException(
          "torch.optim." + cls + ": '" + name + "' must be " + expected + " but got " + describe(v));
    }

    private static List<?> asList(Object v) {
      if (v instanceof List<?> l) {
        return l;
      }
      if (v.getClass().isArray()) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < Array.getLength(v); i++) {
          out.add(Array.get(v, i));
        }
        return out;
      }
      return List.of(v);
    }

    private static String describe(Object v) {
      return v.getClass().isArray() ? asList(v).toString() : String.valueOf(v);
    }
  }
}
