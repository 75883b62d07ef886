/** Bounds on connections, request timing and publish rates, with their counters. */
package dev.herald.server.internal.limits;
