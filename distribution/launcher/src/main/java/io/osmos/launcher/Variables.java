package io.osmos.launcher;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/** Substitutes {@code ${name}} references, recursively, failing clearly on unknown names and cycles. */
final class Variables {

    private final Map<String, String> values;

    Variables(Map<String, String> values) {
        this.values = values;
    }

    String apply(String text, String where) {
        return apply(text, where, new ArrayDeque<>());
    }

    private String apply(String text, String where, Deque<String> resolving) {
        StringBuilder out = new StringBuilder();
        int index = 0;
        while (index < text.length()) {
            int start = text.indexOf("${", index);
            if (start < 0) {
                out.append(text, index, text.length());
                break;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new FeatureException(where + ": unterminated ${ in '" + text + "'");
            }
            out.append(text, index, start);
            out.append(lookup(text.substring(start + 2, end), where, resolving));
            index = end + 1;
        }
        return out.toString();
    }

    private String lookup(String name, String where, Deque<String> resolving) {
        if (!values.containsKey(name)) {
            throw new FeatureException(where + " uses ${" + name + "}, which no feature defines");
        }
        if (resolving.contains(name)) {
            throw new FeatureException(where + ": variables refer to each other in a cycle through " + name);
        }
        resolving.push(name);
        try {
            return apply(values.get(name), where, resolving);
        } finally {
            resolving.pop();
        }
    }
}
