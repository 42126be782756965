package io.osmos.metrics.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ProcFsTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void hostFiguresAreReadFromProcAndSys() throws IOException {
        Path root = folder.getRoot().toPath();
        write(root, "proc/loadavg", "0.52 0.58 0.59 1/467 12345\n");
        write(root, "proc/meminfo", "MemTotal:       16318480 kB\nMemFree:         1234567 kB\n"
                + "MemAvailable:    9876543 kB\n");
        write(root, "sys/devices/system/cpu/online", "0-3,6,8-9\n");
        ProcFs proc = new ProcFs(root);

        assertEquals(7, proc.onlineCpus());
        assertEquals(0.52, proc.loadAverage(0), 0);
        assertEquals(0.59, proc.loadAverage(2), 0);
        assertEquals(16318480L * 1024, proc.meminfoBytes("MemTotal"));
        assertEquals(1234567L * 1024, proc.meminfoBytes("MemFree"));
        assertThrows(IllegalStateException.class, () -> proc.meminfoBytes("SwapTotal"));
    }

    @Test
    public void aMissingFileFailsTheRead() {
        ProcFs proc = new ProcFs(folder.getRoot().toPath());
        assertThrows(UncheckedIOException.class, proc::onlineCpus);
    }

    private static void write(Path root, String file, String content) throws IOException {
        Files.createDirectories(root.resolve(file).getParent());
        Files.writeString(root.resolve(file), content);
    }
}
