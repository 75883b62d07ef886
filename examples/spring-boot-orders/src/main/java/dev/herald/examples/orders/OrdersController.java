package dev.herald.examples.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.client.HeraldPublisher;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code POST /orders} takes an order and publishes it to {@code /orders/{id}}. */
@RestController
public class OrdersController {

    private final HeraldPublisher publisher;
    private final ObjectMapper json;

    public OrdersController(HeraldPublisher publisher, ObjectMapper json) {
        this.publisher = publisher;
        this.json = json;
    }

    /** An order placed by a client: what and how many. */
    public record NewOrder(String item, int quantity) {
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    public Order create(@RequestBody NewOrder request) throws JsonProcessingException, InterruptedException {
        Order order = new Order(UUID.randomUUID().toString(), request.item(), request.quantity());
        try {
            publisher.publish("/orders/" + order.id(), json.writeValueAsString(order));
        } catch (IOException e) {
            // The order is taken; subscribers just miss the live update. Say so instead of hiding it.
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "order " + order.id()
                    + " was accepted but not published to Herald: " + e.getMessage(), e);
        }
        return order;
    }
}
