/** Who is subscribed to what: the registry behind the Mercure subscriptions API, node-local or shared. */
package dev.herald.presence;
