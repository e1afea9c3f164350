/**
 * How jobs get run: the {@link io.modomodo.trainer.launch.JobLauncher} seam, its in-process implementation (this
 * replica claims and runs queued jobs) and the single-job mode ({@code modomodo.trainer.run-job=<uuid>}) in which
 * the jar runs one job to its end and exits.
 */
package io.modomodo.trainer.launch;
