package io.modomodo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReadableKeysTest {

    private static final ServiceConfig gateway = ServiceConfig.load(Repo.root(), "gateway");
    private static final ServiceConfig trainer = ServiceConfig.load(Repo.root(), "trainer-service");
    private static final ServiceConfig reward = ServiceConfig.load(Repo.root(), "reward-service");

    @Test
    void readsKeysOfApplicationYmlInRelaxedForm() {
        assertThat(reward.keys().readsVariable("SERVER_PORT")).isTrue();
        assertThat(reward.keys().readsVariable("MODOMODO_REWARD_LIMITS_MAXITEMS")).isTrue();
        assertThat(trainer.keys().readsVariable("SPRING_DATASOURCE_PASSWORD")).isTrue();
    }

    @Test
    void readsComponentsOfPropertiesRecordsThroughListsAndNestedRecords() {
        assertThat(gateway.keys().readsVariable("MODOMODO_GATEWAY_APIKEYS_0_KEYSHA256")).isTrue();
        assertThat(gateway.keys().readsVariable("MODOMODO_GATEWAY_APIKEYS_12_REQUESTSPERSECOND")).isTrue();
        assertThat(gateway.keys().readsVariable("MODOMODO_GATEWAY_SERVICES_TRAINER")).isTrue();
    }

    @Test
    void refusesVariablesNoKeyMatches() {
        assertThat(reward.keys().readsVariable("SPRING_DATASOURCE_URL")).as("the reward-service has no database").isFalse();
        assertThat(reward.keys().readsVariable("MODOMODO_ROLLOUT_CHECKPOINTDIR")).isFalse();
        assertThat(gateway.keys().readsVariable("MODOMODO_GATEWAY_APIKEYS_X_NAME")).as("an index is a number").isFalse();
        assertThat(gateway.keys().readsVariable("MODOMODO_GATEWAY_APIKEYS_0")).as("an element is a record").isFalse();
        assertThat(trainer.keys().readsVariable("MODOMODO_TRAINER_CHECKPOINT_DIR")).as("underscores split keys").isFalse();
        assertThat(trainer.keys().readsVariable("modomodo_trainer_checkpointdir")).as("lower case is not mapped").isFalse();
        assertThat(trainer.keys().readsVariable("MODOMODO_TRAINER_SERVICES_ROLLOUT_HOST")).isFalse();
    }

    @Test
    void mapKeysSpanOneOrMoreSegments() {
        ReadableKeys keys = new ReadableKeys();
        keys.add(List.of("modomodo", "x", "node-selector", ReadableKeys.MAP_KEY));
        assertThat(keys.readsVariable("MODOMODO_X_NODESELECTOR_POOL")).isTrue();
        assertThat(keys.readsVariable("MODOMODO_X_NODESELECTOR_CLOUD_PROVIDER")).isTrue();
        assertThat(keys.readsVariable("MODOMODO_X_NODESELECTOR")).isFalse();
        assertThat(keys.readsKey(List.of("modomodo", "x", "node-selector", "[nvidia.com/gpu.present]"))).isTrue();
        assertThat(keys.readsKey(List.of("modomodo", "x", "nodeselector", "pool"))).isTrue();
        assertThat(keys.readsKey(List.of("modomodo", "y", "node-selector", "pool"))).isFalse();
    }
}
