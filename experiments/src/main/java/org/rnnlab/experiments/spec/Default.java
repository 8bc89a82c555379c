package org.rnnlab.experiments.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a spec key takes when it is absent, written as YAML ({@code "1"}, {@code "{}"},
 * {@code "[]"}, {@code "stop"}); it is bound exactly as if the user had written it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
  /** @return the default as a YAML literal */
  String value();
}
