/** Checks, over real HTTP, of the operational endpoints every service must serve. */
package io.modomodo.testing.http;
