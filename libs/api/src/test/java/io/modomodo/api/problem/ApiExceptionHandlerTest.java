package io.modomodo.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class ApiExceptionHandlerTest {

    record Item(String id, double score) {
    }

    record Batch(List<Item> items, Map<String, Double> weights) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void namesTheFieldOfAValueOfTheWrongType() {
        assertThat(pathOf("{\"items\": [{\"id\": \"a\", \"score\": 1}, {\"id\": \"b\", \"score\": \"high\"}]}"))
                .isEqualTo("items[1].score");
        assertThat(pathOf("{\"weights\": {\"format\": [1]}}")).isEqualTo("weights.format");
    }

    @Test
    void namesNoFieldWhenTheBodyIsNotJsonAtAll() {
        assertThat(pathOf("{\"items\": [")).isNull();
        assertThat(pathOf("hello")).isNull();
    }

    private static String pathOf(String body) {
        JacksonException parse = catchThrowableOfType(JacksonException.class, () -> JSON.readValue(body, Batch.class));
        return ApiExceptionHandler.jsonPath(
                new HttpMessageNotReadableException("unreadable", parse, new MockHttpInputMessage(new byte[0])));
    }
}
