package io.osmos.master.impl;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import io.osmos.http.api.RecordIOStream;
import io.osmos.http.codec.MediaType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A protobuf event stream without a server: an HTTP request and response made of proxies, whose
 * RecordIO records are kept and parsed back into the events sent. Thread-safe.
 */
final class CapturedStream<E extends Message> {

    private final E defaultInstance;
    private final List<E> events = new ArrayList<>();
    private volatile boolean closed;
    private final RecordIOStream stream;

    CapturedStream(E defaultInstance) {
        this.defaultInstance = defaultInstance;
        HttpServerResponse[] response = new HttpServerResponse[1];
        response[0] = proxy(HttpServerResponse.class, (name, args) -> switch (name) {
            case "ended", "closed" -> closed;
            case "write" -> {
                record(((Buffer) args[0]).getBytes());
                yield null;
            }
            case "end" -> {
                closed = true;
                yield null;
            }
            case "setStatusCode", "setChunked", "putHeader", "closeHandler" -> response[0];
            default -> null;
        });
        HttpServerRequest request = proxy(HttpServerRequest.class,
                (name, args) -> name.equals("response") ? response[0] : null);
        this.stream = new RecordIOStream(request, MediaType.PROTOBUF);
    }

    RecordIOStream stream() {
        return stream;
    }

    void close() {
        closed = true;
    }

    synchronized List<E> events() {
        return List.copyOf(events);
    }

    /** Waits up to 10 s for an event that matches; the first one. */
    E await(Predicate<E> which) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (E event : events()) {
                if (which.test(event)) {
                    return event;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No matching event among " + events());
    }

    private synchronized void record(byte[] frame) {
        int newline = 0;
        while (frame[newline] != '\n') {
            newline++;
        }
        int length = Integer.parseInt(new String(frame, 0, newline, StandardCharsets.US_ASCII));
        try {
            @SuppressWarnings("unchecked")
            E event = (E) defaultInstance.getParserForType().parseFrom(frame, newline + 1, length);
            events.add(event);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Handler {
        Object handle(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object result = handler.handle(method.getName(), args);
            Class<?> returned = method.getReturnType();
            if (result != null || !returned.isPrimitive() || returned == void.class) {
                return result;
            }
            return returned == boolean.class ? (Object) false : returned == long.class ? (Object) 0L : (Object) 0;
        });
    }
}
