/** Typed settings of the gateway ({@code modomodo.gateway.*}). */
package io.modomodo.gateway.config;
