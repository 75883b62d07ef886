/** Browser fixtures: a real headless Chromium driven over the DevTools protocol, and test page origins. */
package dev.herald.testkit.browser;
