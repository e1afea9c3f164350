package io.modomodo.api.mixture;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/v1/studies}.
 *
 * @param name a label for people
 * @param domains the study's domains, at least two, distinct; their order is kept everywhere
 * @param bounds optional bounds per domain; together they must leave at least one mixture
 */
public record CreateStudyRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name,
        @ArraySchema(minItems = 2, uniqueItems = true,
                arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED)) List<String> domains,
        Map<String, DomainBound> bounds) {
}
