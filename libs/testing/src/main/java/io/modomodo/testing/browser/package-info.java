/** Browser tests: Debian's headless Chromium driven by Selenium, with nothing downloaded. */
package io.modomodo.testing.browser;
