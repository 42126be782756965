package io.osmos.http.files;

import com.google.protobuf.ByteString;

/**
 * What a {@code READ_FILE} found: the file's whole size and the bytes read (status 200), or the
 * HTTP status and Mesos' message that refuse the read.
 */
public record FileRead(int status, String error, long size, ByteString data) {

    public static FileRead of(long size, ByteString data) {
        return new FileRead(200, null, size, data);
    }

    public static FileRead failed(int status, String error) {
        return new FileRead(status, error, 0, ByteString.EMPTY);
    }

    public boolean ok() {
        return error == null;
    }
}
