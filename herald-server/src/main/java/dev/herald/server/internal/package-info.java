/** Implementation of the Herald server: not an API. */
package dev.herald.server.internal;
