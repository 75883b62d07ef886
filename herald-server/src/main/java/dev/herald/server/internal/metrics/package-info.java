/** Herald's Micrometer metrics and their Prometheus endpoint. */
package dev.herald.server.internal.metrics;
