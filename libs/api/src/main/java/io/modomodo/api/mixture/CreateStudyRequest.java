package io.modomodo.api.mixture;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/studies}.
 *
 * @param name a label for people
 * @param domains the study's domains, at least two, distinct; their order is kept everywhere
 * @param bounds optional bounds per domain; together they must leave at least one mixture
 */
public record CreateStudyRequest(String name, List<String> domains, Map<String, DomainBound> bounds) {
}
