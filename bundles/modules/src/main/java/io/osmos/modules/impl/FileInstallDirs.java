package io.osmos.modules.impl;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The directories FileInstall watches ({@code felix.fileinstall.dir}: etc/ and deploy/), and whether a bundle came from one. */
final class FileInstallDirs {

    static final String PROPERTY = "felix.fileinstall.dir";

    private final List<Path> dirs = new ArrayList<>();

    /** {@code property} is the framework property's value: comma-separated directories; null for none. */
    FileInstallDirs(String property) {
        if (property != null) {
            for (String dir : property.split(",")) {
                if (!dir.isBlank()) {
                    dirs.add(Path.of(dir.trim()).toAbsolutePath().normalize());
                }
            }
        }
    }

    /** The jar a bundle location names when it is a file in one of the directories, else null. */
    Path jarIn(String location) {
        if (location == null || !location.startsWith("file:") || !location.endsWith(".jar")) {
            return null;
        }
        try {
            Path jar = Path.of(URI.create(location)).toAbsolutePath().normalize();
            return dirs.contains(jar.getParent()) ? jar : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
