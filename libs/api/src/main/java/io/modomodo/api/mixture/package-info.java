/**
 * Request and response records of the mixture-service ({@code /api/v1/studies/**}): studies, designs,
 * runs, fits and proposals. Weights are maps from domain name to weight, in the study's domain order.
 */
package io.modomodo.api.mixture;
