package dev.herald.server.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration as people write it: {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d}, or ISO-8601 {@code PT1H30M}. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return nonNegative(text, Duration.parse(value.toUpperCase(Locale.ROOT)));
            }
            if (value.equals("0")) {
                return Duration.ZERO;
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return nonNegative(text, switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw invalid(text);
            });
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException | ArithmeticException e) {
            throw invalid(text);
        }
    }

    private static Duration nonNegative(String text, Duration duration) {
        if (duration.isNegative()) {
            throw invalid(text);
        }
        return duration;
    }

    private static TypeConversionException invalid(String text) {
        return new TypeConversionException("'" + text + "' is not a duration; write e.g. 90s, 15m, 24h, 7d or PT1H30M");
    }
}
