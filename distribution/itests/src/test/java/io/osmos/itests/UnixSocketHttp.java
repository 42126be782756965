package io.osmos.itests;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One plain HTTP/1.1 request over a Unix domain socket, as any third-party client would send it. */
final class UnixSocketHttp {

    private UnixSocketHttp() {
    }

    /** @return the status code of the answer */
    static int request(Path socket, String method, String path, String contentType, String body) throws IOException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: agent\r\nConnection: close\r\n"
                + (contentType != null ? "Content-Type: " + contentType + "\r\n" : "")
                + "Content-Length: " + payload.length + "\r\n\r\n";
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            channel.write(ByteBuffer.wrap(payload));
            ByteBuffer answer = ByteBuffer.allocate(512);
            while (answer.position() < 12 && channel.read(answer) >= 0) {
                // The status line is all we need.
            }
            String status = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
