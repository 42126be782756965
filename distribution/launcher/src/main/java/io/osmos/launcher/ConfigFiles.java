package io.osmos.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Writes a resolved feature's configurations as FileInstall {@code .cfg} files: {@code <pid>.cfg},
 * or {@code <factoryPid>-<name>.cfg} for a factory configuration written {@code factoryPid~name}.
 * The directory belongs to the launcher and is rewritten at every start.
 */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    public static void write(Path directory, Map<String, Map<String, String>> configurations) {
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, "*.cfg")) {
                for (Path file : old) {
                    Files.delete(file);
                }
            }
            for (Map.Entry<String, Map<String, String>> configuration : configurations.entrySet()) {
                Properties properties = new Properties();
                properties.putAll(configuration.getValue());
                Path file = directory.resolve(fileName(configuration.getKey()));
                try (OutputStream out = Files.newOutputStream(file)) {
                    properties.store(out, "Written by the Osmos launcher from the feature; changes last until restart");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write configuration files to " + directory, e);
        }
    }

    static String fileName(String pid) {
        int tilde = pid.indexOf('~');
        return (tilde < 0 ? pid : pid.substring(0, tilde) + "-" + pid.substring(tilde + 1)) + ".cfg";
    }
}
