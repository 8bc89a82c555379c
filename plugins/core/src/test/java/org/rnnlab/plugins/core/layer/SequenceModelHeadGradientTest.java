package org.rnnlab.plugins.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.OutputMode;
import org.rnnlab.api.tensor.DType;
import org.rnnlab.api.tensor.Tensor;
import org.rnnlab.kernels.KernelOpsProvider;
import org.rnnlab.plugins.core.model.Linear;
import org.rnnlab.plugins.core.model.NonFiniteGradientException;
import org.rnnlab.plugins.core.model.SequenceModel;

/** The model stops on a head gradient that overflowed, naming the first bad element. */
class SequenceModelHeadGradientTest {
  @Test
  void anOverflowingHeadGradientIsReportedWithItsIndex() {
    for (KernelOps ops : new KernelOps[] {KernelOpsProvider.scalar(), KernelOpsProvider.create(2)}) {
      RecurrentStack stack = new RecurrentStack(SumCell.FACTORY, SumCell.FACTORY.defaults(),
          new RecurrentSpec(2, 2, 1, false, 0), DType.FLOAT32);
      Linear head = new Linear("head", 2, 1, DType.FLOAT32);
      head.resetParameters(new SplittableRandom(1));
      SequenceModel model = new SequenceModel(null, stack, head, OutputMode.EVERY_STEP,
          DType.FLOAT32);
      Tensor x = Tensor.of(DType.FLOAT32, new double[] {1, 2, 3, 4, 5, 6}, 1, 3, 2);
      model.forward(ops, new Batch(x, null, Tensor.zeros(DType.FLOAT32, 3, 1), null, new int[] {3}),
          null);
      // a float32 weight of 3e38 times a loss gradient of 10 is +Inf from the second element
      head.parameters().get(0).value().set(1, 3e38);
      Tensor dPrediction = Tensor.of(DType.FLOAT32, new double[] {0, 10, 0}, 3, 1);
      NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class,
          () -> model.backward(ops, dPrediction, null), ops.name());
      assertTrue(e.getMessage().contains("head_input[3]"), e.getMessage());
      assertEquals(Double.POSITIVE_INFINITY, e.value());
    }
  }
}
