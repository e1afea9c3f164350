/** Spring Data repositories and the idempotent run writer of the mixture-service. */
package io.modomodo.mixture.repository;
