/** How Herald's Redis log and broker talk to Redis: keys, scripts, encodings, connections and the stream tailer. */
package dev.herald.redis.internal;
