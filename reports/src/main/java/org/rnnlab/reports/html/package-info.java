/**
 * Run reports: {@link org.rnnlab.reports.html.ReportGenerator} writes one self-contained
 * {@code report.html} per run directory (inline SVG charts made with JFreeChart and JFreeSVG, no
 * scripts, no network resources) plus PNG copies of each chart; {@link
 * org.rnnlab.reports.html.CompareReport} puts several runs side by side in {@code compare.html}.
 * Rendering needs {@code java.awt.headless=true}, which both entry points set.
 */
package org.rnnlab.reports.html;
