package org.rnnlab.experiments.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a spec key whose value is a plugin section ({@code {type: NAME, ...config keys}}) or a
 * list of them; {@code type} is looked up in the named family of the {@link PluginCatalog} and
 * the other keys are bound onto that plugin's config record, over its defaults.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Plugin {
  /** @return the family name ({@code cell}, {@code loss}, {@code task}, ...) */
  String value();

  /** @return the type used when the key is absent; empty for none */
  String defaultType() default "";
}
