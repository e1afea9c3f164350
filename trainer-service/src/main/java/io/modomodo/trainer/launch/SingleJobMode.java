package io.modomodo.trainer.launch;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.modomodo.trainer.config.TrainerProperties;
import io.modomodo.trainer.repository.JobRepository;
import io.modomodo.trainer.run.JobRunner;

/**
 * {@code modomodo.trainer.run-job=<uuid>}: this process runs that one job to its end and exits (0 when it
 * succeeded or was cancelled, 1 when it failed, 2 when it was not found). A job another runner still holds is
 * waited for until its lease expires, so a restarted pod resumes its job from the last checkpoint.
 */
public class SingleJobMode implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SingleJobMode.class);

    private final UUID jobId;
    private final JobRunner runner;
    private final JobRepository jobs;
    private final TrainerProperties properties;
    private final ConfigurableApplicationContext context;

    public SingleJobMode(TrainerProperties properties, JobRunner runner, JobRepository jobs,
            ConfigurableApplicationContext context) {
        this.jobId = properties.runJob();
        this.runner = runner;
        this.jobs = jobs;
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        int code = runToEnd();
        log.info("Single-job mode: job {} done, exiting with {}", jobId, code);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    private int runToEnd() throws InterruptedException {
        while (true) {
            var row = jobs.find(jobId);
            if (row.isEmpty()) {
                log.error("Single-job mode: no job {}", jobId);
                return 2;
            }
            if (row.get().finished()) {
                return "FAILED".equals(row.get().status()) ? 1 : 0;
            }
            if (runner.claim(jobId)) {
                String status = runner.run(jobId);
                if ("FAILED".equals(status)) {
                    return 1;
                }
                if (!"LOST".equals(status) && !"RELEASED".equals(status)) {
                    return 0;
                }
            }
            Thread.sleep(properties.runner().pollInterval().toMillis());
        }
    }
}
