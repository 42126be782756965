package io.osmos.modules.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/** The symbolic name and version a jar's manifest declares; anything else is not a bundle. */
record JarIdentity(String symbolicName, Version version) {

    /** Reads the manifest of {@code jar}; {@code shownAs} names it in messages. Throws a 400 when it is no bundle. */
    static JarIdentity read(Path jar, String shownAs) {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new ModuleException(ModuleException.BAD_REQUEST, shownAs + " is not a jar: " + e.getMessage());
        }
        String name = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (name == null || name.isBlank()) {
            throw new ModuleException(ModuleException.BAD_REQUEST,
                    shownAs + " is not a bundle: its manifest has no Bundle-SymbolicName");
        }
        int directives = name.indexOf(';');
        String symbolicName = (directives < 0 ? name : name.substring(0, directives)).trim();
        String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
        try {
            return new JarIdentity(symbolicName, version == null ? Version.emptyVersion : Version.parseVersion(version));
        } catch (IllegalArgumentException e) {
            throw new ModuleException(ModuleException.BAD_REQUEST,
                    shownAs + " is not a valid bundle: Bundle-Version '" + version + "': " + e.getMessage());
        }
    }
}
