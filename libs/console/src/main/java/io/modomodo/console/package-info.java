/**
 * The web console: its pages live in {@code META-INF/resources} (served at {@code /} by the gateway), and
 * {@link io.modomodo.console.ReportPage} writes one study as a self-contained HTML file that opens offline.
 */
package io.modomodo.console;
