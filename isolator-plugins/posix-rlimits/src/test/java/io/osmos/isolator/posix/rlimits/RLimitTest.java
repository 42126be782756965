package io.osmos.isolator.posix.rlimits;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class RLimitTest {

    @Test
    public void softAndHardAreNumbersOrUnlimitedAndHardDefaultsToSoft() {
        assertEquals(new RLimit(RLimit.Type.NOFILE, 1024, 4096), RLimit.parse(RLimit.Type.NOFILE, "1024:4096"));
        assertEquals(new RLimit(RLimit.Type.NPROC, 64, 64), RLimit.parse(RLimit.Type.NPROC, " 64 "));
        assertEquals(new RLimit(RLimit.Type.CORE, 0, RLimit.UNLIMITED), RLimit.parse(RLimit.Type.CORE, "0:unlimited"));
        assertEquals("RLIMIT_CORE=0:unlimited", RLimit.parse(RLimit.Type.CORE, "0:unlimited").toString());
        assertNull("empty leaves the limit alone", RLimit.parse(RLimit.Type.CORE, ""));
    }

    @Test
    public void badSpecsAreRefusedWithTheResourceNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RLimit.parse(RLimit.Type.NOFILE, "4096:1024"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("RLIMIT_NOFILE: the soft limit 4096"));
        e = assertThrows(IllegalArgumentException.class, () -> RLimit.parse(RLimit.Type.NPROC, "lots"));
        assertTrue(e.getMessage(), e.getMessage().contains("'lots' is neither"));
        assertThrows(IllegalArgumentException.class, () -> RLimit.parse(RLimit.Type.NPROC, "1:2:3"));
        assertThrows(IllegalArgumentException.class, () -> RLimit.parse(RLimit.Type.NPROC, "-5"));
    }
}
