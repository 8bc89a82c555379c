package org.rnnlab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rnnlab.api.kernel.KernelOps;
import org.rnnlab.kernels.KernelOpsProvider.Selection;
import org.rnnlab.kernels.internal.KernelSettings;

/** The selection rules of {@link KernelOpsProvider}, driven with explicit settings. */
class KernelOpsProviderTest {
  private static final Optional<Module> VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector");

  private static KernelSettings settings(String kernels, int bits, int testBits) {
    return new KernelSettings(kernels, bits, testBits);
  }

  @Test
  void missingVectorModuleFallsBackToScalarWithAddModulesHint() {
    Selection s = KernelOpsProvider.select(settings("auto", -1, -1), false, Optional.empty());
    assertNull(s.panama());
    assertTrue(s.reason().contains("--add-modules jdk.incubator.vector"), s.reason());
  }

  @Test
  void scalarOverridesChooseTheReference() {
    assertTrue(KernelOpsProvider.select(settings("scalar", -1, -1), false, VECTOR).reason()
        .contains("rnnlab.kernels=scalar"));
    assertTrue(KernelOpsProvider.select(settings("auto", 0, -1), false, VECTOR).reason()
        .contains("vectorBitSize=0"));
    assertTrue(KernelOpsProvider.select(settings("fast", -1, -1), false, VECTOR).reason()
        .contains("unknown"));
    assertTrue(KernelOpsProvider.select(settings("auto", KernelSettings.INVALID, -1), false,
        VECTOR).reason().contains("not a width in bits"));
  }

  @Test
  void testWidthOutsideTestModeFallsBackToScalar() {
    Selection s = KernelOpsProvider.select(settings("auto", -1, 256), false, VECTOR);
    assertNull(s.panama());
    assertTrue(s.reason().contains("rnnlab.tests.vectorBitSize"), s.reason());
  }

  @Test
  void simdDemandFailsLoudlyWhenUnavailable() {
    Selection s = KernelOpsProvider.select(settings("simd", -1, -1), false, Optional.empty());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> KernelOpsProvider.instantiate(s, 1));
    assertTrue(e.getMessage().contains("--add-modules"), e.getMessage());
  }

  @Test
  void vectorKernelsAreChosenWhenUsable() {
    assumeTrue(VECTOR.isPresent(), "jdk.incubator.vector not in this JVM");
    Selection s = KernelOpsProvider.select(settings("auto", -1, -1), true, VECTOR);
    assumeTrue(s.panama() != null, "Vector API unusable here: " + s.reason());
    KernelOps ops = KernelOpsProvider.lookup(true, 2);
    assertEquals("panama", ops.name());
    assertEquals(2, ops.threads());
    assertTrue(ops.vectorBitSize() >= 128);
    String forced = System.getProperty(KernelSettings.TESTS_VECTOR_BIT_SIZE);
    if (forced != null) {
      assertEquals(Integer.parseInt(forced), ops.vectorBitSize(), "forced test width");
    }
  }

  @Test
  void unsupportedWidthFallsBackToScalar() {
    assumeTrue(VECTOR.isPresent(), "jdk.incubator.vector not in this JVM");
    // the width is fixed per JVM by VectorConstants; an odd width given now cannot apply, but a
    // width the CPU lacks is rejected by the constructor and reported
    Selection s = KernelOpsProvider.select(settings("auto", -1, -1), true, VECTOR);
    if (s.panama() == null) {
      assertTrue(s.reason().contains("Vector API kernels unsupported here"), s.reason());
    }
  }

  @Test
  void createRejectsNonPositiveThreadCounts() {
    assertThrows(IllegalArgumentException.class, () -> KernelOpsProvider.create(0));
    assertNotNull(KernelOpsProvider.scalar());
    assertEquals(0, KernelOpsProvider.scalar().vectorBitSize());
  }
}
