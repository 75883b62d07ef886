package dev.herald.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * N subscriptions spread over topics and over source addresses 127.0.0.f..127.0.0.(f+k-1), so N can pass
 * the ~28k ephemeral ports of one address. Each scans its stream for payloads ({@link PayloadScanner}, no
 * allocation per event) and reports to {@link Measurements}; a chosen fraction stop reading after their
 * first payload to play slow consumers.
 *
 * <p>The subscribers run on plain Netty (epoll, HTTP codec, one handler), not on a Vert.x client: at 100k
 * events/s the generator shares two cores with the server it measures, and every microsecond it spends per
 * event shows up in the latencies it reports, for every server alike.
 */
final class SubscriberFleet {

    private static final int EVENT_LOOPS = 2;

    private final URI hub;
    private final Protocol protocol;
    private final Measurements measurements;
    private final int firstSource;
    private final int sources;
    private final MultiThreadIoEventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<Channel> slowOnes = new ArrayList<>();

    SubscriberFleet(URI hub, Protocol protocol, int firstSource, int sources, Measurements measurements) {
        this.hub = hub;
        this.protocol = protocol;
        this.measurements = measurements;
        this.firstSource = firstSource;
        this.sources = sources;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(EVENT_LOOPS, io);
        this.bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    /** Opens subscription {@code index} following {@code topic}; {@code slow} ones stop reading after their first payload. */
    Future<Void> open(int index, String topic, boolean slow) {
        Promise<Void> opened = Promise.promise();
        Stream stream = new Stream(topic, slow, opened);
        InetSocketAddress local = new InetSocketAddress("127.0.0." + (firstSource + index % sources), 0);
        InetSocketAddress remote = new InetSocketAddress(hub.getHost(), hub.getPort());
        ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new HttpClientCodec(), stream);
            }
        }).connect(remote, local);
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                stream.failed();
            }
        });
        return opened.future();
    }

    /**
     * Lets the slow subscribers read again, so the ones the server cut (it may have closed them while they did
     * not read) notice it; {@link Measurements#slowCut} counts them within a few seconds.
     */
    void resumeSlow() {
        synchronized (slowOnes) {
            slowOnes.forEach(channel -> channel.config().setAutoRead(true));
        }
    }

    void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    /** One subscription's connection: sends the GET, checks the answer, feeds the body to its scanner. */
    private final class Stream extends SimpleChannelInboundHandler<HttpObject> {
        private final String topic;
        private final boolean slow;
        private final Promise<Void> opened;
        private final Subscription subscription;
        private final PayloadScanner scanner;
        private boolean settled;

        Stream(String topic, boolean slow, Promise<Void> opened) {
            this.topic = topic;
            this.slow = slow;
            this.opened = opened;
            this.subscription = new Subscription(measurements, slow);
            this.scanner = new PayloadScanner(subscription);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    protocol.subscribeUri(hub, topic));
            request.headers().set(HttpHeaderNames.HOST, hub.getHost() + ":" + hub.getPort())
                    .set(HttpHeaderNames.ACCEPT, "text/event-stream");
            ctx.writeAndFlush(request);
            if (slow) {
                subscription.onFirst = () -> ctx.channel().config().setAutoRead(false);
                synchronized (slowOnes) {
                    slowOnes.add(ctx.channel());
                }
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (message instanceof HttpResponse response) {
                if (response.status().code() != 200) {
                    failed();
                    ctx.close();
                    return;
                }
                settled = true;
                measurements.connected.increment();
                opened.complete();
            }
            if (message instanceof HttpContent content) {
                scanner.feed(content.content());
                if (message instanceof LastHttpContent) {
                    subscription.end(slow);
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (settled) {
                subscription.end(slow);
            } else {
                failed();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        /** The subscription never started (refused, failed to connect, or closed before its answer); counted once. */
        void failed() {
            if (!settled) {
                settled = true;
                measurements.failedConnects.increment();
                opened.complete();
            }
        }
    }

    /**
     * One subscription's accounting: latency, and updates seen twice (by sequence, counted once as delivered). Concurrent publishes may
     * arrive in any order, so order means nothing; losses are the shortfall against what was accepted.
     */
    static final class Subscription implements PayloadScanner.Listener {
        private final Measurements measurements;
        private final boolean slow;
        private final BitSet seen = new BitSet();
        Runnable onFirst;
        private boolean ended;

        Subscription(Measurements measurements, boolean slow) {
            this.measurements = measurements;
            this.slow = slow;
        }

        /** The stream ended or failed: the server closed it (counted once). */
        void end(boolean slowOne) {
            if (!ended) {
                ended = true;
                (slowOne ? measurements.slowCut : measurements.cut).increment();
            }
        }

        @Override
        public void onPayload(long sendNanos, long sequence) {
            int index = (int) sequence;
            if (seen.get(index)) {
                // Counted apart, never as a delivery: a double must not hide a loss.
                measurements.duplicates.increment();
                return;
            }
            seen.set(index);
            measurements.received(sendNanos, System.nanoTime(), slow);
            if (onFirst != null) {
                onFirst.run();
                onFirst = null;
            }
        }
    }
}
