package org.rnnlab.experiments.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32C;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;

/**
 * CRC-32C over a checkpoint's content (names, shapes, element bits, counters and strings), stored
 * in the root attribute {@code checksum}. HDF5 itself does not checksum raw data, so without it
 * a file cut short inside a dataset could read back as silently wrong numbers.
 */
final class Checksum {
  private Checksum() {}

  static long of(Checkpoint c) {
    CRC32C crc = new CRC32C();
    update(crc, "step=" + c.step() + ",epoch=" + c.epoch() + ",data=" + c.dataPosition());
    tensors(crc, "params/", c.params());
    tensors(crc, "optimizer/", c.optimizerState());
    c.rng().forEach((k, v) -> update(crc, "rng/" + k + "=" + v));
    update(crc, c.spec());
    update(crc, c.provenance());
    return crc.getValue();
  }

  private static void tensors(CRC32C crc, String prefix, Map<String, Tensor> tensors) {
    tensors.forEach((name, t) -> {
      update(crc, prefix + name + java.util.Arrays.toString(t.shape()) + t.dtype());
      ByteBuffer buf = ByteBuffer.allocate(t.size() * (t.dtype() == DType.FLOAT32 ? 4 : 8))
          .order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < t.size(); i++) {
        if (t.dtype() == DType.FLOAT32) {
          buf.putInt(Float.floatToRawIntBits((float) t.get(i)));
        } else {
          buf.putLong(Double.doubleToRawLongBits(t.get(i)));
        }
      }
      crc.update(buf.flip());
    });
  }

  private static void update(CRC32C crc, String s) {
    crc.update(s.getBytes(StandardCharsets.UTF_8));
    crc.update(0);
  }
}
