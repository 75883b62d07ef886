package dev.herald.examples.orders;

/** An order as the service stores and publishes it. */
public record Order(String id, String item, int quantity) {
}
