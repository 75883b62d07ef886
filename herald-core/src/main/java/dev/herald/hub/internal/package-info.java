/**
 * Implementation detail of {@code dev.herald.hub}, such as the URI template parser and matcher. Not API:
 * nothing here appears in a public signature, and any of it may change without notice.
 */
package dev.herald.hub.internal;
