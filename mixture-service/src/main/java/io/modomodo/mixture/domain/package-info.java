/** JPA entities of the mixture-service: studies, runs, fits and proposal sets. Never leave the service layer. */
package io.modomodo.mixture.domain;
