package io.modomodo.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.transaction.CannotCreateTransactionException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

class ApiExceptionHandlerTest {

    record Item(String id, double score) {
    }

    record Batch(List<Item> items, Map<String, Double> weights, Long seed, Integer count) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void namesTheFieldOfAValueOfTheWrongTypeAndWhatWasExpected() {
        UnreadableBody score = read("{\"items\": [{\"id\": \"a\", \"score\": 1}, {\"id\": \"b\", \"score\": \"high\"}]}");
        assertThat(score.field()).isEqualTo("items[1].score");
        assertThat(score.detail()).isEqualTo("items[1].score: expected a number");
        assertThat(score.type()).isEqualTo(ProblemType.INVALID_REQUEST);

        assertThat(read("{\"weights\": {\"arith\": \"x\"}}").detail()).isEqualTo("weights.arith: expected a number");
        assertThat(read("{\"weights\": {\"format\": [1]}}").detail()).isEqualTo("weights.format: expected a number");
        assertThat(read("{\"items\": {\"id\": 1}}").detail()).isEqualTo("items: expected an array");
        assertThat(read("{\"weights\": [1, 2]}").detail()).isEqualTo("weights: expected an object");
        assertThat(read("{\"count\": \"many\"}").detail()).isEqualTo("count: expected an integer");
        assertThat(read("[1, 2]").detail()).isEqualTo("The request body must be an object.");
    }

    @Test
    void namesTheFieldOfANumberOutOfRange() {
        UnreadableBody seed = read("{\"seed\": 1e40}");
        assertThat(seed.field()).isEqualTo("seed");
        assertThat(seed.detail()).isEqualTo("seed: the number is out of range for an integer");
        assertThat(read("{\"count\": 99999999999}").field()).isEqualTo("count");
    }

    @Test
    void saysWhereTheJsonBrokeWithoutQuotingTheBodyOrTheParser() {
        UnreadableBody broken = read("{\"items\": [");
        assertThat(broken.type()).isEqualTo(ProblemType.MALFORMED_BODY);
        assertThat(broken.field()).isNull();
        assertThat(broken.detail()).startsWith("The request body is not valid JSON");
        UnreadableBody word = read("hello");
        assertThat(word.detail()).contains("line 1, column").doesNotContain("Source");
        assertThat(Internals.leaks(word.detail())).isFalse();
    }

    @Test
    void turnsNestingBeyondTheParsersLimitIntoA413WithTheLimit() {
        JacksonException nested = catchThrowableOfType(JacksonException.class,
                () -> JSON.readValue("{\"answer\": " + "[".repeat(1200) + "]".repeat(1200) + "}", Object.class));
        UnreadableBody deep = UnreadableBody.of(unreadable(nested));
        assertThat(deep.type()).isEqualTo(ProblemType.LIMIT_EXCEEDED);
        assertThat(deep.limit()).isEqualTo(StreamReadConstraints.DEFAULT_MAX_DEPTH);
        assertThat(deep.detail()).contains("nesting depth").contains(String.valueOf(StreamReadConstraints.DEFAULT_MAX_DEPTH));
        assertThat(Internals.leaks(deep.detail())).isFalse();

        JsonMapper strict = JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(10).build()).build()).build();
        JacksonException longString = catchThrowableOfType(JacksonException.class,
                () -> strict.readValue("{\"items\": [{\"id\": \"" + "x".repeat(100) + "\"}]}", Batch.class));
        UnreadableBody tooLong = UnreadableBody.of(unreadable(longString));
        assertThat(tooLong.type()).isEqualTo(ProblemType.LIMIT_EXCEEDED);
        assertThat(tooLong.limit()).isEqualTo(10);
    }

    @Test
    void anEmptyBodyIsSaidToBeMissingNotQuotedAsAMethod() {
        UnreadableBody missing = UnreadableBody.of(new HttpMessageNotReadableException(
                "Required request body is missing: public org.springframework.http.ResponseEntity<x.Y> a.b.C.create(x.Z)",
                new MockHttpInputMessage(new byte[0])));
        assertThat(missing.type()).isEqualTo(ProblemType.MALFORMED_BODY);
        assertThat(missing.detail()).contains("missing or empty").doesNotContain("ResponseEntity");
    }

    @Test
    void aBodyCutOffByTheLimitIsA413NotAMalformedBody() {
        UnreadableBody tooLarge = UnreadableBody.of(new HttpMessageNotReadableException("I/O error",
                new BodyTooLargeException(1024), new MockHttpInputMessage(new byte[0])));
        assertThat(tooLarge.type()).isEqualTo(ProblemType.LIMIT_EXCEEDED);
        assertThat(tooLarge.limit()).isEqualTo(1024);
        assertThat(tooLarge.field()).isEqualTo("body");
    }

    @Test
    void recognisesJavaNamesStacksAndSignaturesButNotFieldPaths() {
        assertThat(Internals.leaks("Cannot deserialize value of type `java.lang.Double` from String")).isTrue();
        assertThat(Internals.leaks("io.modomodo.mixture.web.StudyController.create(…)")).isTrue();
        assertThat(Internals.leaks("boom: NullPointerException")).isTrue();
        assertThat(Internals.leaks("at io.x.Y.z(Y.java:12)")).isTrue();
        assertThat(Internals.leaks("(500, from `StreamReadConstraints.getMaxNestingDepth()`)")).isTrue();
        assertThat(Internals.leaks("weights.arith: expected a number")).isFalse();
        assertThat(Internals.leaks("items[3].answer: the gold answer 1.5e3 cannot be read")).isFalse();
        assertThat(Internals.leaks("'count' is not a domain of the study")).isFalse();
    }

    @Test
    void treatsAnUnreachableDatabaseAsAConnectionFailureHoweverItIsWrapped() {
        assertThat(ApiExceptionHandler.isConnectionFailure(new CannotCreateTransactionException("x",
                new RuntimeException(new SQLTransientConnectionException("pool timeout"))))).isTrue();
        assertThat(ApiExceptionHandler.isConnectionFailure(new RuntimeException(
                new SQLException("refused", "08001")))).isTrue();
        assertThat(ApiExceptionHandler.isConnectionFailure(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(ApiExceptionHandler.isConnectionFailure(new RuntimeException(
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(ApiExceptionHandler.isConnectionFailure(new RuntimeException("Unable to rollback against JDBC "
                + "Connection", new SQLException("Connection is closed")))).isTrue();
        assertThat(ApiExceptionHandler.isConnectionFailure(new IllegalStateException("bug"))).isFalse();
    }

    private static UnreadableBody read(String body) {
        JacksonException parse = catchThrowableOfType(JacksonException.class, () -> JSON.readValue(body, Batch.class));
        assertThat(parse).as("expected %s not to bind", body).isNotNull();
        return UnreadableBody.of(unreadable(parse));
    }

    private static HttpMessageNotReadableException unreadable(Throwable cause) {
        return new HttpMessageNotReadableException("unreadable", cause, new MockHttpInputMessage(new byte[0]));
    }
}
