package io.modomodo.service.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.modomodo.policy.runtime.DjlRuntime;

class EngineAutoConfigurationTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EngineAutoConfiguration.class));

    @Test
    void givesEveryServiceTheEngineIndicatorUnderTheNameReadinessGroupsUse() {
        context.withPropertyValues("modomodo.engine.warm-up=false", "modomodo.engine.threads=1").run(app -> {
            assertThat(app).hasSingleBean(PolicyEngineHealth.class);
            assertThat(app.getBean("policyEngine")).isInstanceOf(PolicyEngineHealth.class);
            EngineProperties properties = app.getBean(EngineProperties.class);
            assertThat(properties.warmUpAtStart()).isFalse();
            assertThat(properties.threads()).isEqualTo(1);
        });
    }

    @Test
    void warmsUpByDefault() {
        context.run(app -> assertThat(app.getBean(EngineProperties.class).warmUpAtStart()).isTrue());
    }

    @Test
    void reportsDownWithTheReasonWhenTheEngineCannotStartAndUpWithItsDetailsOtherwise() {
        PolicyEngineHealth broken = new PolicyEngineHealth(new EngineProperties(true, null, null), () -> {
            throw new IllegalStateException("no native library");
        });
        broken.run(null);
        Health down = broken.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("error", "no native library");

        PolicyEngineHealth working = new PolicyEngineHealth(new EngineProperties(false, null, null),
                () -> new DjlRuntime.EngineInfo("PyTorch", "2.7.1", "cpu()", 0, 5));
        working.run(null);
        Health up = working.health();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("device", "cpu()").containsEntry("gpuCount", 0)
                .containsKey("threads");
    }
}
