package io.osmos.executor;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class HttpResponseReaderTest {

    private static HttpResponseReader reader(String response) {
        // One byte per read, so that every boundary falls everywhere.
        InputStream in = new ByteArrayInputStream(response.getBytes(StandardCharsets.ISO_8859_1)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        return new HttpResponseReader(in);
    }

    private static String body(HttpResponseReader reader, HttpResponseReader.Head head) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.readBody(head, out::write);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    public void readsChunkedBodiesWithExtensionsAndTrailers() throws Exception {
        HttpResponseReader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: x\r\n\r\n"
                + "5;ext=1\r\nhello\r\nB\r\n, world 123\r\n0\r\nTrailer: t\r\n\r\n");
        HttpResponseReader.Head head = reader.readHead();
        assertEquals(200, head.status);
        assertEquals("x", head.header("content-type"));
        assertEquals("hello, world 123", body(reader, head));
    }

    @Test
    public void readsContentLengthBodiesAndSkipsInterimResponses() throws Exception {
        HttpResponseReader reader = reader("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 3\r\n\r\nabcdef");
        HttpResponseReader.Head head = reader.readHead();
        assertEquals(202, head.status);
        assertEquals("abc", body(reader, head));
    }

    @Test(expected = EOFException.class)
    public void truncatedChunkedStreamFails() throws Exception {
        HttpResponseReader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort");
        body(reader, reader.readHead());
    }

    @Test(expected = ProtocolException.class)
    public void garbageIsNotAResponse() throws Exception {
        reader("SSH-2.0-OpenSSH\r\n\r\n").readHead();
    }

    @Test(expected = ProtocolException.class)
    public void badChunkSizeFails() throws Exception {
        HttpResponseReader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        body(reader, reader.readHead());
    }
}
