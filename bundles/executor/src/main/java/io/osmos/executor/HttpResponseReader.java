package io.osmos.executor;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 response: the head, then a body delimited by {@code Content-Length}, by
 * {@code Transfer-Encoding: chunked} or by the end of the connection. The body is handed on as it
 * arrives, so a never-ending chunked stream is read as it comes.
 */
final class HttpResponseReader {

    /** Receives body bytes; the array may be reused after the call returns. */
    interface BodySink {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    static final class Head {
        final int status;
        final Map<String, String> headers;

        Head(int status, Map<String, String> headers) {
            this.status = status;
            this.headers = headers;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private final InputStream in;
    private final byte[] buffer = new byte[16384];

    HttpResponseReader(InputStream in) {
        this.in = in;
    }

    /** The head of the final response, skipping any interim 1xx responses. */
    Head readHead() throws IOException {
        while (true) {
            String statusLine = readLine();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new ProtocolException("Not an HTTP/1.x status line: '" + statusLine + "'");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new ProtocolException("Bad HTTP status in '" + statusLine + "'");
            }
            Map<String, String> headers = readHeaders();
            if (status >= 200 || status < 100) {
                return new Head(status, headers);
            }
        }
    }

    /** Reads the body to its end, handing it to the sink. */
    void readBody(Head head, BodySink sink) throws IOException {
        String encoding = head.header("transfer-encoding");
        String length = head.header("content-length");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            readChunked(sink);
        } else if (length != null) {
            try {
                readExactly(Long.parseLong(length.trim()), sink);
            } catch (NumberFormatException e) {
                throw new ProtocolException("Bad Content-Length '" + length + "'");
            }
        } else {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sink.accept(buffer, 0, n);
            }
        }
    }

    /** The whole body, for short responses. */
    byte[] readBody(Head head, int maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        readBody(head, (bytes, offset, count) -> {
            if (out.size() + count > maxBytes) {
                throw new ProtocolException("Response body larger than " + maxBytes + " bytes");
            }
            out.write(bytes, offset, count);
        });
        return out.toByteArray();
    }

    private void readChunked(BodySink sink) throws IOException {
        while (true) {
            String line = readLine();
            int semicolon = line.indexOf(';');
            String size = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
            long chunk;
            try {
                chunk = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("Bad chunk size '" + line + "'");
            }
            if (chunk < 0) {
                throw new ProtocolException("Bad chunk size '" + line + "'");
            }
            if (chunk == 0) {
                readHeaders(); // trailers
                return;
            }
            readExactly(chunk, sink);
            if (!readLine().isEmpty()) {
                throw new ProtocolException("Missing CRLF after a chunk");
            }
        }
    }

    private void readExactly(long count, BodySink sink) throws IOException {
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("Connection closed " + left + " bytes before the end of the body");
            }
            sink.accept(buffer, 0, n);
            left -= n;
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i <= MAX_HEADERS; i++) {
            String line = readLine();
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("Malformed header line '" + line + "'");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        throw new ProtocolException("More than " + MAX_HEADERS + " header lines");
    }

    /** A line without its CRLF (a bare LF is tolerated). */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Connection closed by the agent");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new ProtocolException("HTTP line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }
}
