/**
 * The kubernetes job launcher: one batch/v1 Job per training job, made through the fabric8 client, and a
 * reconciler that keeps the jobs and their Jobs in step (a failed Job fails its job with the pod's reason; a
 * Job deleted under a running job is made again and the job resumes from its last checkpoint; a cancelled
 * job's Job is deleted; a restarted service adopts its Jobs and starts no second one). External trainers run
 * from an operator's Job template with placeholders.
 */
package io.modomodo.trainer.launch.kubernetes;
