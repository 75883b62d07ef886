package dev.herald.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, for breaking connections the way networks do: cut
 * them (both sides see the connection close) or black-hole them (bytes vanish in both directions while
 * both sockets stay open, as behind a NAT or proxy that silently dropped its state). New connections are
 * forwarded normally after either (unless {@link #refuseNewConnections refused}), so a client that
 * reconnects reaches the server again.
 *
 * <p>Threads: one accept thread, plus two daemon threads per connection, one per direction. All public
 * methods are thread-safe.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final int targetPort;
    private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;

    private TcpProxy(ServerSocket serverSocket, int targetPort) {
        this.serverSocket = serverSocket;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy on a free loopback port forwarding to loopback {@code targetPort}. */
    public static TcpProxy start(int targetPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        return new TcpProxy(socket, targetPort);
    }

    /** The port clients connect to. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** An {@code http://127.0.0.1:port} URI on the proxy for {@code pathAndQuery}, which must start with '/'. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** How many proxied connections are open (black-holed ones included). */
    public int openConnections() {
        return pairs.size();
    }

    /** Closes every open connection on both sides: the client and the server each see theirs end. */
    public void cutAll() {
        pairs.forEach(Pair::close);
    }

    /** Makes every open connection drop all bytes from now on, in both directions, without closing it. */
    public void blackHoleAll() {
        pairs.forEach(pair -> pair.blackHoled = true);
    }

    /**
     * While {@code refuse} is true, ends every new connection at once, before a byte reaches the server: to
     * the client the server is unreachable. Connections already open are not touched.
     */
    public void refuseNewConnections(boolean refuse) {
        this.refusing = refuse;
    }

    /** Stops accepting and cuts every connection; idempotent. */
    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // The socket is unusable either way.
        }
        cutAll();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket client;
            try {
                client = serverSocket.accept();
            } catch (IOException closed) {
                return;
            }
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Pair pair = new Pair(client, server);
                pairs.add(pair);
                pair.start();
            } catch (IOException serverDown) {
                closeQuietly(client); // The client sees its connection end, as it would reaching a dead server.
            }
        }
    }

    /** One proxied connection: the client's socket, the server's, and a pump per direction. */
    private final class Pair {
        private final Socket client;
        private final Socket server;
        private volatile boolean blackHoled;

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            pump(client, server, "up");
            pump(server, client, "down");
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int read; (read = in.read(buffer)) >= 0; ) {
                        if (!blackHoled) {
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    }
                } catch (IOException closed) {
                    // One side ended or the test cut the pair: end the other side too.
                }
                close();
            }, "tcp-proxy-" + direction + "-" + client.getPort());
            thread.setDaemon(true);
            thread.start();
        }

        void close() {
            closeQuietly(client);
            closeQuietly(server);
            pairs.remove(this);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the connection is being dropped either way.
        }
    }
}
