package io.osmos.http.codec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Accept header judged the way libprocess' {@code Request::acceptsMediaType} does: the most
 * specific entry that names a type decides (exact type, then {@code type/*}, then the full
 * wildcard), and it accepts unless its q value is zero or not a number.
 */
final class AcceptHeader {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final String[] entries;

    AcceptHeader(String header) {
        this.entries = WHITESPACE.matcher(header).replaceAll("").toLowerCase(Locale.ROOT).split(",");
    }

    boolean accepts(MediaType mediaType) {
        String value = mediaType.value();
        String type = value.substring(0, value.indexOf('/'));
        for (String candidate : new String[] {value, type + "/*", "*/*"}) {
            for (String entry : entries) {
                String[] parts = entry.split(";");
                if (parts[0].equals(candidate)) {
                    return qualityAllows(parts);
                }
            }
        }
        return false;
    }

    private static boolean qualityAllows(String[] parts) {
        String q = null;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("q=")) {
                if (q != null) {
                    // Ambiguous: libprocess then ignores q altogether.
                    return true;
                }
                q = parts[i].substring(2);
            }
        }
        if (q == null) {
            return true;
        }
        try {
            return Double.parseDouble(q) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
