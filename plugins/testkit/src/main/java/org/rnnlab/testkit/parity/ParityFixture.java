package org.rnnlab.testkit.parity;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * A PyTorch recurrent parity fixture ({@code kind = "recurrent"}), read with jhdf. The format is
 * described in the fixtures' README: inputs, parameters and upstream gradients are float32 values;
 * {@code expected/*} and {@code grad/*} are float64 references computed from them.
 *
 * <p>Every tensor is returned as {@link DType#FLOAT64} (float32 inputs widen exactly). Optional
 * datasets ({@code c0}, {@code dcn}, {@code lengths}, {@code expected/cn}) are null when absent.
 *
 * @param name fixture name (file name without {@code .h5})
 * @param cell type key of the cell ({@code rnn_tanh}, {@code rnn_relu}, {@code lstm}, {@code gru})
 * @param inputSize {@code I}
 * @param hiddenSize {@code H}
 * @param numLayers {@code L}
 * @param bidirectional true when {@code D = 2}
 * @param x input {@code [B, T, I]}
 * @param lengths valid length per row, or null
 * @param initialStates {@code h0} (and {@code c0} for LSTM), each {@code [L*D, B, H]}
 * @param params parameter values by PyTorch name, in file order
 * @param dy upstream output gradient {@code [B, T, D*H]}
 * @param dFinalStates {@code dhn} (and {@code dcn})
 * @param expectedY reference output
 * @param expectedFinalStates reference {@code hn} (and {@code cn})
 * @param grads reference gradients by name: {@code x}, {@code h0}, {@code c0}, parameter names
 */
public record ParityFixture(String name, String cell, int inputSize, int hiddenSize, int numLayers,
    boolean bidirectional, Tensor x, int[] lengths, Tensor[] initialStates,
    Map<String, Tensor> params, Tensor dy, Tensor[] dFinalStates, Tensor expectedY,
    Tensor[] expectedFinalStates, Map<String, Tensor> grads) {

  /** @return {@code B} */
  public int batch() {
    return x.dim(0);
  }

  /** @return {@code T} */
  public int steps() {
    return x.dim(1);
  }

  /**
   * @param file an {@code .h5} fixture
   * @return the fixture
   */
  public static ParityFixture read(Path file) {
    String fileName = file.getFileName().toString();
    try (HdfFile hdf = new HdfFile(file)) {
      return read(fileName.replaceFirst("\\.h5$", ""), hdf);
    }
  }

  /**
   * @param name fixture name for messages
   * @param in the file's bytes (e.g. a class-path resource)
   * @return the fixture
   */
  public static ParityFixture read(String name, InputStream in) {
    try (in; HdfFile hdf = HdfFile.fromInputStream(in)) {
      return read(name, hdf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read parity fixture " + name, e);
    }
  }

  private static ParityFixture read(String name, HdfFile hdf) {
    String kind = stringAttr(hdf, "kind");
    if (!"recurrent".equals(kind)) {
      throw new IllegalArgumentException(name + ": expected kind 'recurrent' but found '" + kind + "'");
    }
    String cell = stringAttr(hdf, "cell");
    boolean lstm = "lstm".equals(cell);
    Tensor[] init = lstm
        ? new Tensor[] {tensor(hdf, "h0"), tensor(hdf, "c0")} : new Tensor[] {tensor(hdf, "h0")};
    Tensor[] dFinal = lstm
        ? new Tensor[] {tensor(hdf, "dhn"), tensor(hdf, "dcn")} : new Tensor[] {tensor(hdf, "dhn")};
    Tensor[] expFinal = lstm
        ? new Tensor[] {tensor(hdf, "expected/hn"), tensor(hdf, "expected/cn")}
        : new Tensor[] {tensor(hdf, "expected/hn")};
    int[] lengths = null;
    if (hdf.getChildren().containsKey("lengths")) {
      Tensor l = tensor(hdf, "lengths");
      lengths = new int[l.size()];
      for (int i = 0; i < lengths.length; i++) {
        lengths[i] = (int) l.get(i);
      }
    }
    return new ParityFixture(name, cell, intAttr(hdf, "input_size"), intAttr(hdf, "hidden_size"),
        intAttr(hdf, "num_layers"), intAttr(hdf, "bidirectional") != 0, tensor(hdf, "x"), lengths,
        init, group(hdf, "params"), tensor(hdf, "dy"), dFinal, tensor(hdf, "expected/y"), expFinal,
        group(hdf, "grad"));
  }

  private static Map<String, Tensor> group(HdfFile hdf, String path) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : ((Group) hdf.getByPath(path)).getChildren().entrySet()) {
      out.put(e.getKey(), toTensor((Dataset) e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  private static Tensor tensor(HdfFile hdf, String path) {
    try {
      return toTensor(hdf.getDatasetByPath(path));
    } catch (io.jhdf.exceptions.HdfInvalidPathException e) {
      throw new IllegalArgumentException("parity fixture lacks dataset '" + path + "'", e);
    }
  }

  private static Tensor toTensor(Dataset ds) {
    Object flat = ds.getDataFlat();
    int n = Array.getLength(flat);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = ((Number) Array.get(flat, i)).doubleValue();
    }
    return Tensor.wrap(values, ds.getDimensions());
  }

  /**
   * @param file an {@code .h5} parity fixture
   * @return its root {@code kind} attribute ({@code recurrent} or {@code optimizer})
   * @throws IllegalArgumentException when the file has no {@code kind}
   */
  public static String kind(Path file) {
    try (HdfFile hdf = new HdfFile(file)) {
      return stringAttr(hdf, "kind");
    }
  }

  /**
   * @param hdf an open fixture
   * @param name root attribute name
   * @return the attribute as a string
   * @throws IllegalArgumentException when it is missing
   */
  public static String stringAttribute(HdfFile hdf, String name) {
    return stringAttr(hdf, name);
  }

  /**
   * @param hdf an open fixture
   * @param path dataset path
   * @return the dataset as a FLOAT64 tensor
   * @throws IllegalArgumentException when it is missing
   */
  public static Tensor dataset(HdfFile hdf, String path) {
    return tensor(hdf, path);
  }

  private static String stringAttr(HdfFile hdf, String name) {
    Object v = scalar(hdf, name);
    return v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v.toString();
  }

  private static int intAttr(HdfFile hdf, String name) {
    return ((Number) scalar(hdf, name)).intValue();
  }

  private static Object scalar(HdfFile hdf, String name) {
    Attribute a = hdf.getAttribute(name);
    if (a == null) {
      throw new IllegalArgumentException("parity fixture lacks root attribute '" + name + "'");
    }
    Object v = a.getData();
    return v.getClass().isArray() && !(v instanceof byte[]) ? Array.get(v, 0) : v;
  }
}
