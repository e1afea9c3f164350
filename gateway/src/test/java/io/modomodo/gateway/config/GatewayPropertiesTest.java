package io.modomodo.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.modomodo.gateway.config.GatewayProperties.ApiKey;
import io.modomodo.gateway.service.Sha256;

class GatewayPropertiesTest {

    private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
    private static final Validator validator = factory.getValidator();

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void bindsApiKeysFromEnvironmentVariablesAsTheReadmeShows() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("MODOMODO_GATEWAY_SERVICES_ROLLOUT", "http://rollout:8081");
        env.put("MODOMODO_GATEWAY_SERVICES_REWARD", "http://reward:8082");
        env.put("MODOMODO_GATEWAY_SERVICES_TRAINER", "http://trainer:8083");
        env.put("MODOMODO_GATEWAY_SERVICES_MIXTURE", "http://mixture:8084");
        env.put("MODOMODO_GATEWAY_APIKEYS_0_NAME", "ci");
        env.put("MODOMODO_GATEWAY_APIKEYS_0_KEYSHA256", Sha256.hex("ci-secret"));
        env.put("MODOMODO_GATEWAY_APIKEYS_0_REQUESTSPERSECOND", "2.5");
        env.put("MODOMODO_GATEWAY_APIKEYS_0_BURST", "5");
        env.put("MODOMODO_GATEWAY_APIKEYS_1_NAME", "notebook");
        env.put("MODOMODO_GATEWAY_APIKEYS_1_KEY", "dev-secret");
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)));

        GatewayProperties properties = binder.bind("modomodo.gateway", GatewayProperties.class).get();

        assertThat(properties.apiKeys()).hasSize(2);
        ApiKey ci = properties.apiKeys().get(0);
        assertThat(ci.name()).isEqualTo("ci");
        assertThat(ci.sha256Hex()).isEqualTo(Sha256.hex("ci-secret"));
        assertThat(ci.requestsPerSecond()).isEqualTo(2.5);
        assertThat(ci.burst()).isEqualTo(5);
        ApiKey notebook = properties.apiKeys().get(1);
        assertThat(notebook.sha256Hex()).isEqualTo(Sha256.hex("dev-secret"));
        assertThat(notebook.requestsPerSecond()).isEqualTo(ApiKey.DEFAULT_REQUESTS_PER_SECOND);
        assertThat(notebook.burst()).isEqualTo(ApiKey.DEFAULT_BURST);
        assertThat(validator.validate(properties)).isEmpty();
    }

    @Test
    void noApiKeysMeansAnEmptyListNotNull() {
        assertThat(new GatewayProperties(null, null).apiKeys()).isEmpty();
    }

    @Test
    void rejectsAKeyWithBothOrNeitherSecretAndAMalformedDigest() {
        assertThat(violations(new ApiKey("a", "k", Sha256.hex("k"), null, null))).contains("oneSecretGiven");
        assertThat(violations(new ApiKey("a", null, null, null, null))).contains("oneSecretGiven");
        assertThat(violations(new ApiKey("a", null, "not-hex", null, null))).contains("keySha256");
        assertThat(violations(new ApiKey("a", null, Sha256.hex("k").toUpperCase(Locale.ROOT), null, null))).isEmpty();
    }

    @Test
    void rejectsNamesThatCannotBeAHeaderOrThatAreReservedAndNonPositiveLimits() {
        assertThat(violations(new ApiKey("two words", "k", null, null, null))).contains("name");
        assertThat(violations(new ApiKey("unknown", "k", null, null, null))).contains("name");
        assertThat(violations(new ApiKey("ok", "k", null, 0.0, null))).contains("requestsPerSecond");
        assertThat(violations(new ApiKey("ok", "k", null, null, 0))).contains("burst");
    }

    @Test
    void rejectsTwoClientsWithOneNameOrOneKey() {
        GatewayProperties.Services services = new GatewayProperties.Services(
                URI.create("http://a"), URI.create("http://b"), URI.create("http://c"),
                URI.create("http://d"));
        assertThat(validator.validate(new GatewayProperties(services, List.of(
                new ApiKey("a", "k1", null, null, null), new ApiKey("a", "k2", null, null, null))))).isNotEmpty();
        assertThat(validator.validate(new GatewayProperties(services, List.of(
                new ApiKey("a", "k1", null, null, null), new ApiKey("b", null, Sha256.hex("k1"), null, null)))))
                .isNotEmpty();
        assertThat(validator.validate(new GatewayProperties(services, List.of(
                new ApiKey("a", "k1", null, null, null), new ApiKey("b", "k2", null, null, null))))).isEmpty();
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(new ApiKey("ci", "top-secret-value", null, null, null).toString()).doesNotContain("top-secret");
    }

    private static Set<String> violations(ApiKey apiKey) {
        Set<String> paths = new HashSet<>();
        for (ConstraintViolation<ApiKey> v : validator.validate(apiKey)) {
            paths.add(v.getPropertyPath().toString());
        }
        return paths;
    }
}
