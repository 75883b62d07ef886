package bench.seed;

/** The seed does not show NotificationDto; its client sends {"message": "..."}, so this is that shape. */
public record NotificationDto(String message) {
}
