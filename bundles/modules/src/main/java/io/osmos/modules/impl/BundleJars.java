package io.osmos.modules.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;

/**
 * Writes the content of an installed bundle back into a jar. The content comes from the bundle
 * itself (its current revision), not from its location, which an earlier update may have left
 * pointing at an older jar.
 */
final class BundleJars {

    private BundleJars() {
    }

    static void write(Bundle bundle, Path target) throws IOException {
        URL manifestEntry = bundle.getEntry(JarFile.MANIFEST_NAME);
        if (manifestEntry == null) {
            throw new IOException(bundle.getSymbolicName() + " has no " + JarFile.MANIFEST_NAME);
        }
        Manifest manifest;
        try (InputStream in = manifestEntry.openStream()) {
            manifest = new Manifest(in);
        }
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial), manifest)) {
            copy(bundle, "/", out);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copy(Bundle bundle, String directory, JarOutputStream out) throws IOException {
        Enumeration<String> paths = bundle.getEntryPaths(directory);
        while (paths != null && paths.hasMoreElements()) {
            String path = paths.nextElement();
            if (path.endsWith("/")) {
                if (!path.equals("META-INF/")) { // the JarOutputStream wrote it with the manifest
                    out.putNextEntry(new JarEntry(path));
                    out.closeEntry();
                }
                copy(bundle, path, out);
            } else if (!path.equals(JarFile.MANIFEST_NAME)) {
                out.putNextEntry(new JarEntry(path));
                try (InputStream in = bundle.getEntry(path).openStream()) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
