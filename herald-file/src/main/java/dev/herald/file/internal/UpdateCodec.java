package dev.herald.file.internal;

import dev.herald.hub.Update;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An update as bytes on disk: a version byte, then length-prefixed UTF-8 strings (length -1 for null) for
 * id, type, data, the topic count and topics, then retry (or -1) and the private flag.
 */
public final class UpdateCodec {

    private static final byte VERSION = 1;

    private UpdateCodec() {
    }

    /** The bytes of {@code update}. */
    public static byte[] encode(Update update) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (update.data() == null ? 0 : update.data().length()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, update.id());
            writeString(out, update.type());
            writeString(out, update.data());
            out.writeInt(update.topics().size());
            for (String topic : update.topics()) {
                writeString(out, topic);
            }
            out.writeLong(update.retry() == null ? -1 : update.retry());
            out.writeBoolean(update.privateUpdate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The update held in {@code bytes}. */
    public static Update decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("log entry format " + version + " is newer than this Herald; upgrade it");
            }
            String id = readString(in);
            String type = readString(in);
            String data = readString(in);
            int count = in.readInt();
            List<String> topics = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                topics.add(readString(in));
            }
            long retry = in.readLong();
            boolean isPrivate = in.readBoolean();
            return new Update(topics, data, id, type, retry < 0 ? null : retry, isPrivate);
        } catch (IOException e) {
            throw new UncheckedIOException("a corrupt log entry", e);
        }
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
