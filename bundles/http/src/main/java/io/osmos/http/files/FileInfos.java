package io.osmos.http.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.osmos.proto.v1.FileInfo;
import io.osmos.proto.v1.TimeInfo;

/**
 * A file's {@code stat} as Mesos' {@code createFileInfo} reports it: {@code st_mode} with the
 * type bits, link count, size, the mtime in whole seconds (Mesos keeps {@code st_mtime} only) as
 * nanoseconds, and owner and group by name.
 */
public final class FileInfos {

    private static final String UNIX_ATTRIBUTES = "unix:mode,nlink,size,lastModifiedTime,owner,group";
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    private FileInfos() {
    }

    /** Describes {@code file}, following a symbolic link unless {@code options} say not to. */
    public static FileInfo describe(String path, Path file, LinkOption... options) throws IOException {
        FileInfo.Builder info = FileInfo.newBuilder().setPath(path);
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(file, UNIX_ATTRIBUTES, options);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return posix(info, file, options);
        }
        return info.setMode((Integer) unix.get("mode")).setNlink((Integer) unix.get("nlink"))
                .setSize((Long) unix.get("size")).setMtime(mtime((FileTime) unix.get("lastModifiedTime")))
                .setUid(name(unix.get("owner"))).setGid(name(unix.get("group"))).build();
    }

    /** Where the JDK has no "unix" view: the mode is rebuilt from the permissions and the type. */
    private static FileInfo posix(FileInfo.Builder info, Path file, LinkOption... options) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, options);
        int mode = attributes.isDirectory() ? S_IFDIR : attributes.isSymbolicLink() ? S_IFLNK
                : attributes.isRegularFile() ? S_IFREG : 0;
        for (PosixFilePermission permission : attributes.permissions()) {
            mode |= 0400 >> permission.ordinal();
        }
        return info.setMode(mode).setNlink(1).setSize(attributes.size()).setMtime(mtime(attributes.lastModifiedTime()))
                .setUid(attributes.owner().getName()).setGid(attributes.group().getName()).build();
    }

    private static TimeInfo mtime(FileTime time) {
        return TimeInfo.newBuilder().setNanoseconds(TimeUnit.SECONDS.toNanos(time.to(TimeUnit.SECONDS))).build();
    }

    /** The JDK names an unknown uid or gid by its number, as Mesos does. */
    private static String name(Object principal) {
        return ((Principal) principal).getName();
    }
}
