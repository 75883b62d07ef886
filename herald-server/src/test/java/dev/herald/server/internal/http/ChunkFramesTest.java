package dev.herald.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkFramesTest {

    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(true);
    private final ChunkFrames frames = new ChunkFrames();

    @Test
    void anEventBecomesOneHttpChunk() {
        ByteBuf chunk = frames.chunk("data: hello\n\n".getBytes(StandardCharsets.UTF_8), allocator);

        assertThat(chunk.toString(StandardCharsets.UTF_8)).isEqualTo("d\r\ndata: hello\n\n\r\n");
        chunk.release();
    }

    @Test
    void theSameArrayIsFramedOnceAndSharedWithoutACopy() {
        byte[] event = "data: shared\n\n".getBytes(StandardCharsets.UTF_8);

        ByteBuf first = frames.chunk(event, allocator);
        ByteBuf second = frames.chunk(event, allocator);

        assertThat(second.unwrap()).isSameAs(first.unwrap());
        assertThat(second.toString(StandardCharsets.UTF_8)).isEqualTo(first.toString(StandardCharsets.UTF_8));
        // Each writer owns its duplicate: releasing one (the socket wrote it) leaves the other readable.
        first.release();
        assertThat(second.toString(StandardCharsets.UTF_8)).isEqualTo("e\r\ndata: shared\n\n\r\n");
        second.release();
    }

    @Test
    void equalContentInAnotherArrayIsFramedAgain() {
        ByteBuf first = frames.chunk("data: a\n\n".getBytes(StandardCharsets.UTF_8), allocator);
        ByteBuf second = frames.chunk("data: a\n\n".getBytes(StandardCharsets.UTF_8), allocator);

        assertThat(second.unwrap()).isNotSameAs(first.unwrap());
        first.release();
        second.release();
    }

    @Test
    void aLargeEventIsFramedForItsWriteAloneAndNotKept() {
        byte[] large = new byte[64 * 1024];
        java.util.Arrays.fill(large, (byte) 'x');

        ByteBuf chunk = frames.chunk(large, allocator);

        assertThat(chunk.refCnt()).isEqualTo(1);
        assertThat(chunk.readableBytes()).isEqualTo("10000\r\n".length() + large.length + 2);
        assertThat(chunk.release()).as("the caller's release frees it: the table holds no reference").isTrue();
    }

    @Test
    void severalEventsBecomeOneChunkInOrder() {
        ByteBuf chunk = frames.chunk(List.of("data: a\n\n".getBytes(StandardCharsets.UTF_8),
                "data: bc\n\n".getBytes(StandardCharsets.UTF_8)), 19, allocator);

        assertThat(chunk.toString(StandardCharsets.UTF_8)).isEqualTo("13\r\ndata: a\n\ndata: bc\n\n\r\n");
        assertThat(chunk.release()).as("a batch's chunk is the caller's alone").isTrue();
    }

    @Test
    void aBatchOfOneIsTheSharedFrameOfItsEvent() {
        byte[] event = "data: one\n\n".getBytes(StandardCharsets.UTF_8);

        ByteBuf single = frames.chunk(event, allocator);
        ByteBuf batch = frames.chunk(List.of(event), event.length, allocator);

        assertThat(batch.unwrap()).isSameAs(single.unwrap());
        single.release();
        batch.release();
    }
}
