/**
 * The cluster-wide view of subscribers: each node's {@link dev.herald.cluster.NodeCounts}, shared through a
 * {@link dev.herald.cluster.NodeDirectory} whose entries expire, so a node that dies drops out of the totals.
 */
package dev.herald.cluster;
