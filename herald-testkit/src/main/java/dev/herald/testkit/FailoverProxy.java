package dev.herald.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP load balancer stand-in on loopback: each connection goes to the first backend that accepts it, so
 * when a node dies its clients' reconnects land on the next one. One thread per direction per connection;
 * fine for a test's handful of clients.
 */
public final class FailoverProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Integer> backendPorts;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    private FailoverProxy(ServerSocket listener, List<Integer> backendPorts) {
        this.listener = listener;
        this.backendPorts = List.copyOf(backendPorts);
        Thread acceptor = new Thread(this::acceptLoop, "failover-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free loopback port in front of the backends on {@code backendPorts}, tried in this order. */
    public static FailoverProxy start(List<Integer> backendPorts) {
        try {
            return new FailoverProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), backendPorts);
        } catch (IOException e) {
            throw new AssertionError("cannot listen: " + e, e);
        }
    }

    /** The URI of {@code pathAndQuery} through the proxy. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + pathAndQuery);
    }

    @Override
    public void close() {
        open = false;
        closeQuietly(listener);
        sockets.forEach(FailoverProxy::closeQuietly);
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket client = listener.accept();
                Socket backend = connectToFirstLiveBackend();
                if (backend == null) {
                    closeQuietly(client);
                    continue;
                }
                sockets.add(client);
                sockets.add(backend);
                pipe(client, backend);
                pipe(backend, client);
            } catch (IOException e) {
                if (open) {
                    System.err.println("failover proxy: " + e);
                }
            }
        }
    }

    private Socket connectToFirstLiveBackend() {
        for (int port : backendPorts) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return socket;
            } catch (IOException refused) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // One side went away: close both below so the other side sees it too.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "failover-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing during teardown.
        }
    }
}
