package io.osmos.http.codec;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/** The JSON text of protobuf enum values (their names), encoded once per enum type. */
final class EnumNames {

    private static final ClassValue<SerializableString[]> NAMES = new ClassValue<>() {
        @Override
        protected SerializableString[] computeValue(Class<?> type) {
            return encode(type);
        }
    };

    private EnumNames() {
    }

    static SerializableString of(Enum<?> value) {
        return NAMES.get(value.getDeclaringClass())[value.ordinal()];
    }

    private static SerializableString[] encode(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        SerializableString[] names = new SerializableString[constants.length];
        for (int i = 0; i < constants.length; i++) {
            names[i] = new SerializedString(((Enum<?>) constants[i]).name());
        }
        return names;
    }
}
