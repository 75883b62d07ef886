/** The node's part in the cluster-wide view of subscribers: refreshing its counts and reading everybody's. */
package dev.herald.server.internal.cluster;
