package org.rnnlab.api.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Help text for a config record component, shown by {@code rnnlab spec --explain}.
 *
 * <pre>{@code
 * public record LstmConfig(@Doc("Initial forget-gate bias.") double forgetBias) implements PluginConfig {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Doc {
  /** @return one or two sentences of help */
  String value();
}
