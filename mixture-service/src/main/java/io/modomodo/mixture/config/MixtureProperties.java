package io.modomodo.mixture.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the mixture-service ({@code modomodo.mixture.*}, or {@code MODOMODO_MIXTURE_*}).
 *
 * @param limits size limits per request
 * @param bootstrapMembers fits in the bootstrap ensemble behind each proposal's spread
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.mixture")
public record MixtureProperties(@NotNull @Valid Limits limits, @Min(2) int bootstrapMembers) {

    /**
     * Size limits that keep one request from monopolising the service; each is answered with 413 naming
     * the limit. {@code maxParameters} caps the surrogate's coefficient count (a quadratic over m domains
     * has m(m+1)/2): ridge CV costs grow as its cube. {@code maxBodyBytes} caps any request body,
     * {@code maxScores} the named scores of one run.
     */
    public record Limits(@Min(2) int maxDomains, @Positive int maxPageSize, @Positive int maxDesignCount,
            @Positive int maxProposals, @Positive int maxParameters, @Positive long maxBodyBytes,
            @Positive int maxScores) {
    }
}
