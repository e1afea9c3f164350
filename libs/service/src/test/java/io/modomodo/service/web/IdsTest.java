package io.modomodo.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modomodo.api.problem.InvalidRequestException;

class IdsTest {

    @Test
    void parsesACanonicalUuid() {
        UUID id = UUID.randomUUID();
        assertThat(Ids.uuid("id", id.toString())).isEqualTo(id);
    }

    @Test
    void refusesShortGroupsAndGarbageNamingTheField() {
        for (String bad : new String[] { "1-1-1-1-1", "not-a-uuid", "", null,
                "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz" }) {
            assertThatThrownBy(() -> Ids.uuid("jobId", bad))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            ex -> assertThat(ex.field()).isEqualTo("jobId"));
        }
    }

    @Test
    void parsesPositiveWholeNumbersOnly() {
        assertThat(Ids.positiveLong("version", "12")).isEqualTo(12);
        for (String bad : new String[] { "0", "-3", "1.5", "x", null, "99999999999999999999" }) {
            assertThatThrownBy(() -> Ids.positiveLong("version", bad))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            ex -> assertThat(ex.field()).isEqualTo("version"));
        }
    }
}
