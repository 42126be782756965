package io.osmos.executor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Where the agent's executor API is: a TCP {@code host:port} or a Unix domain socket. */
final class AgentEndpoint {

    private static final String TCP_PATH = "/api/v1/executor";
    // The domain socket only serves the libprocess-prefixed routes (reference §2.3).
    private static final String SOCKET_PATH = "/slave(1)/api/v1/executor";
    // The agent's v1 Operator API, where the default executor launches its tasks' containers; Mesos
    // clients use the prefixed path on both transports (reference §2.2).
    private static final String AGENT_API_PATH = "/slave(1)/api/v1";

    private static final int MAX_SOCKET_PATH = 108;

    private final String host;
    private final int port;
    private final Path socket;

    private AgentEndpoint(String host, int port, Path socket) {
        this.host = host;
        this.port = port;
        this.socket = socket;
    }

    /**
     * @param hostPort {@code host:port}, with IPv6 hosts in brackets
     * @throws IllegalArgumentException when it is not of that form
     */
    static AgentEndpoint tcp(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("MESOS_AGENT_ENDPOINT is not host:port: '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MESOS_AGENT_ENDPOINT has no valid port: '" + hostPort + "'", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MESOS_AGENT_ENDPOINT has no valid port: '" + hostPort + "'");
        }
        return new AgentEndpoint(host, port, null);
    }

    static AgentEndpoint unixSocket(Path socket) {
        // Like Mesos: a path too long for sockaddr_un is reached relative to the working directory.
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length >= MAX_SOCKET_PATH && socket.isAbsolute()) {
            Path relative = Path.of("").toAbsolutePath().relativize(socket);
            return new AgentEndpoint(null, 0, relative);
        }
        return new AgentEndpoint(null, 0, socket);
    }

    /** A blocking, not yet connected channel of the right protocol family. */
    SocketChannel open() throws IOException {
        return socket != null ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
    }

    SocketAddress address() {
        return socket != null ? UnixDomainSocketAddress.of(socket) : new InetSocketAddress(host, port);
    }

    boolean isTcp() {
        return socket == null;
    }

    String path() {
        return socket != null ? SOCKET_PATH : TCP_PATH;
    }

    /** The path of the agent's v1 Operator API, served on the same socket or port. */
    String agentApiPath() {
        return AGENT_API_PATH;
    }

    String hostHeader() {
        if (socket != null) {
            return "localhost";
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return socket != null ? "unix:" + socket + path() : host + ":" + port + path();
    }
}
