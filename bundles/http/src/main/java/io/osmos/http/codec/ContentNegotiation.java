package io.osmos.http.codec;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;

/**
 * Mesos' choice of request and response encodings for the v1 APIs, and the coding of message
 * bodies in either encoding. Header values are matched case-insensitively.
 */
public final class ContentNegotiation {

    /** Body of the 400 reply to a request without Content-Type. */
    public static final String MISSING_CONTENT_TYPE = "Expecting 'Content-Type' to be present";

    /** Body of the 415 reply to a request with an unsupported Content-Type. */
    public static final String UNSUPPORTED_CONTENT_TYPE =
            "Expecting 'Content-Type' of application/json or application/x-protobuf";

    /** Body of the 406 reply when Accept allows neither encoding, worded as Mesos words it. */
    public static final String NOT_ACCEPTABLE =
            "Expecting 'Accept' to allow 'application/x-protobuf' or 'application/json'";

    /** The outcome of looking at a request's Content-Type header. */
    public enum RequestType {
        JSON(MediaType.JSON),
        PROTOBUF(MediaType.PROTOBUF),
        /** No Content-Type: answer 400 {@link ContentNegotiation#MISSING_CONTENT_TYPE}. */
        MISSING(null),
        /** Neither encoding: answer 415 {@link ContentNegotiation#UNSUPPORTED_CONTENT_TYPE}. */
        UNSUPPORTED(null);

        private final MediaType mediaType;

        RequestType(MediaType mediaType) {
            this.mediaType = mediaType;
        }

        /** The body's encoding, empty for {@link #MISSING} and {@link #UNSUPPORTED}. */
        public Optional<MediaType> mediaType() {
            return Optional.ofNullable(mediaType);
        }

        public boolean isMissing() {
            return this == MISSING;
        }

        public boolean isUnsupported() {
            return this == UNSUPPORTED;
        }
    }

    private ContentNegotiation() {
    }

    /** Classifies a Content-Type header value (null when absent); parameters such as charset are ignored. */
    public static RequestType requestType(String contentTypeHeader) {
        if (contentTypeHeader == null || contentTypeHeader.isBlank()) {
            return RequestType.MISSING;
        }
        int semicolon = contentTypeHeader.indexOf(';');
        String essence = (semicolon < 0 ? contentTypeHeader : contentTypeHeader.substring(0, semicolon))
                .trim().toLowerCase(Locale.ROOT);
        if (essence.equals(MediaType.JSON.value())) {
            return RequestType.JSON;
        }
        if (essence.equals(MediaType.PROTOBUF.value())) {
            return RequestType.PROTOBUF;
        }
        return RequestType.UNSUPPORTED;
    }

    /**
     * The response encoding for an Accept header value (null when absent): JSON whenever JSON is
     * acceptable, else protobuf when that is, else empty and the caller answers 406
     * {@link #NOT_ACCEPTABLE}.
     */
    public static Optional<MediaType> responseType(String acceptHeader) {
        if (acceptHeader == null || acceptHeader.isBlank()) {
            return Optional.of(MediaType.JSON);
        }
        AcceptHeader accept = new AcceptHeader(acceptHeader);
        if (accept.accepts(MediaType.JSON)) {
            return Optional.of(MediaType.JSON);
        }
        if (accept.accepts(MediaType.PROTOBUF)) {
            return Optional.of(MediaType.PROTOBUF);
        }
        return Optional.empty();
    }

    /**
     * Decodes a request body, requiring every required field, as Mesos does.
     *
     * @throws BadRequestException with a message fit for a 400 reply
     */
    @SuppressWarnings("unchecked")
    public static <T extends Message> T decode(MediaType type, byte[] body, T defaultInstance) {
        Objects.requireNonNull(type, "type");
        byte[] bytes = body == null ? new byte[0] : body;
        if (type == MediaType.JSON) {
            try {
                return MesosJson.parse(bytes, defaultInstance);
            } catch (MesosJsonException e) {
                throw new BadRequestException(e.getMessage(), e);
            }
        }
        Message message;
        try {
            message = defaultInstance.getParserForType().parsePartialFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new BadRequestException("Invalid protobuf message: " + e.getMessage(), e);
        }
        if (!message.isInitialized()) {
            throw new BadRequestException(
                    "Missing required fields: " + String.join(", ", message.findInitializationErrors()));
        }
        return (T) message;
    }

    /** Encodes a message; a builder is encoded as is, even when required fields are missing. */
    public static byte[] encode(MediaType type, MessageOrBuilder message) {
        if (type == MediaType.JSON) {
            return MesosJson.toJson(message);
        }
        if (message instanceof Message m) {
            return m.toByteArray();
        }
        if (message instanceof Message.Builder b) {
            return b.buildPartial().toByteArray();
        }
        throw new IllegalArgumentException("Cannot encode " + message.getClass().getName() + " as protobuf");
    }
}
