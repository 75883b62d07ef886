/**
 * The hub: topics, topic selectors and (later) fan-out and replay. Everything here is public API;
 * implementation detail lives in {@code dev.herald.hub.internal}.
 */
package dev.herald.hub;
