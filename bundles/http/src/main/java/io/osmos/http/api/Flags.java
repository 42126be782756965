package io.osmos.http.api;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The effective value of every attribute of a typed configuration, as Mesos-style named flags (GET_FLAGS). */
public final class Flags {

    private Flags() {
    }

    public static <C> Map<String, String> of(Class<C> type, C config) {
        Map<String, String> flags = new LinkedHashMap<>();
        Method[] methods = type.getDeclaredMethods();
        Arrays.sort(methods, (a, b) -> a.getName().compareTo(b.getName()));
        for (Method method : methods) {
            if (method.getParameterCount() == 0) {
                flags.put(method.getName(), valueOf(method, config));
            }
        }
        return Collections.unmodifiableMap(flags);
    }

    private static String valueOf(Method method, Object config) {
        try {
            Object value = method.invoke(config);
            return value instanceof Object[] array ? String.join(",", Arrays.stream(array).map(String::valueOf).toList())
                    : String.valueOf(value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read configuration attribute " + method.getName(), e);
        }
    }
}
