package io.osmos.isolator.posix.rlimits;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** prlimit(2) from the C library, called through JNA. Linux only. */
final class JnaPrlimit implements Prlimit {

    /** The part of libc we call; {@code struct rlimit} is two 64-bit {@code rlim_t}: cur, max. */
    interface LibC extends Library {
        int prlimit(int pid, int resource, long[] newLimit, long[] oldLimit) throws LastErrorException;

        String strerror(int errnum);
    }

    private final LibC libc;

    JnaPrlimit() {
        this.libc = Native.load("c", LibC.class);
    }

    @Override
    public void set(long pid, RLimit limit) {
        try {
            libc.prlimit(Math.toIntExact(pid), limit.type().resource, new long[] {limit.soft(), limit.hard()}, null);
        } catch (LastErrorException e) {
            throw new IllegalStateException("prlimit(" + pid + ", " + limit + ") failed: "
                    + libc.strerror(e.getErrorCode()), e);
        }
    }
}
