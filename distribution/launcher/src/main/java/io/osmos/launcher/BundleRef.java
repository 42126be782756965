package io.osmos.launcher;

/** A bundle a feature installs: a jar named {@code <name>.jar} in the distribution's bundle directory. */
public record BundleRef(String name, int startLevel) {

    public BundleRef {
        if (name == null || name.isBlank()) {
            throw new FeatureException("A bundle entry needs a name");
        }
        if (startLevel < 1) {
            throw new FeatureException("Bundle " + name + ": start-level must be >= 1");
        }
    }
}
