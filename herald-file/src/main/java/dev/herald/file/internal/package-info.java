/** The on-disk encoding of the file log. */
package dev.herald.file.internal;
