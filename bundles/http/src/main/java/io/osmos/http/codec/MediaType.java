package io.osmos.http.codec;

/** The two encodings of Mesos v1 API messages. */
public enum MediaType {
    JSON("application/json"),
    PROTOBUF("application/x-protobuf");

    private final String value;

    MediaType(String value) {
        this.value = value;
    }

    /** The media type as it appears in Content-Type and Accept headers. */
    public String value() {
        return value;
    }
}
