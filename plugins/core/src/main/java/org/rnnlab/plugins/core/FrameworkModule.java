package org.rnnlab.plugins.core;

import com.google.inject.Module;

/**
 * A Guice module that contributes plugins. rnnlab finds every implementation on the class path
 * with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/org.rnnlab.plugins.core.FrameworkModule} of your jar and its cells,
 * losses, optimizers and regularizers become usable by name in YAML specs, with no change to
 * rnnlab. Implementations need a public no-arg constructor and contain bindings only
 * (no I/O, no conditionals on specs).
 *
 * <pre>{@code
 * public final class MyCellModule extends AbstractModule implements FrameworkModule {
 *   protected void configure() {
 *     PluginBinder.cells(binder()).add("my_cell", MyCell.FACTORY);
 *   }
 * }
 * }</pre>
 */
public interface FrameworkModule extends Module {}
