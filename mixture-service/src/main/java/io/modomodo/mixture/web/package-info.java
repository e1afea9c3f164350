/** REST controllers of the mixture-service ({@code /api/v1/studies/**}) and its problem handler. */
package io.modomodo.mixture.web;
