/**
 * Implementation detail of {@code dev.herald.sse}; not API, and free to change in any release.
 * Nothing here appears in a public signature of the {@code dev.herald.sse} package.
 */
package dev.herald.sse.internal;
