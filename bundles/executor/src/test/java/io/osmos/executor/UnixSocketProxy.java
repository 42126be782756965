package io.osmos.executor;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Serves a TCP server on a Unix domain socket by copying bytes both ways, as the agent's socket would. */
final class UnixSocketProxy implements Closeable {

    private final Path path;
    private final ServerSocketChannel server;

    UnixSocketProxy(Path path, int tcpPort) throws IOException {
        this.path = path;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        daemon(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel client = server.accept();
                    SocketChannel agent = SocketChannel.open(new InetSocketAddress("127.0.0.1", tcpPort));
                    daemon(() -> copy(client, agent));
                    daemon(() -> copy(agent, client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // One side closed; close both below.
        }
        AgentHttp.closeQuietly(from);
        AgentHttp.closeQuietly(to);
    }

    private static void daemon(Runnable body) {
        Thread thread = new Thread(body, "uds-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }
}
