package io.osmos.modules.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.file.Path;

import org.junit.Test;

public class FileInstallDirsTest {

    private final FileInstallDirs dirs = new FileInstallDirs("/run/local/etc, /opt/osmos/deploy");

    @Test
    public void aJarInAWatchedDirectoryIsFileInstalls() {
        assertEquals(Path.of("/opt/osmos/deploy/a.jar"), dirs.jarIn("file:/opt/osmos/deploy/a.jar"));
        assertEquals(Path.of("/opt/osmos/deploy/a.jar"), dirs.jarIn("file:///opt/osmos/deploy/a.jar"));
    }

    @Test
    public void otherLocationsAreNot() {
        assertNull(dirs.jarIn("file:///opt/osmos/bundle/io.osmos.allocator.drf.jar"));
        assertNull(dirs.jarIn("file:///opt/osmos/deploy/sub/a.jar"));
        assertNull(dirs.jarIn("mvn:io.osmos/x/1.0"));
        assertNull(dirs.jarIn("file:///opt/osmos/deploy/notes.txt"));
        assertNull(dirs.jarIn(null));
        assertNull(new FileInstallDirs(null).jarIn("file:///opt/osmos/deploy/a.jar"));
    }
}
