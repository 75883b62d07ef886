/** Logging helpers: redaction of secrets from log lines. */
package dev.herald.server.internal.log;
