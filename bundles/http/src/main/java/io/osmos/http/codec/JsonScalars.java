package io.osmos.http.codec;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

/** Converts the current JSON scalar token to the Java value protobuf reflection expects for a field. */
final class JsonScalars {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,40}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final int MAX_NUMERIC_STRING = 400;
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    private static final int MAX_QUOTED = 64;

    private JsonScalars() {
    }

    static Object read(JsonParser p, FieldDescriptor field, String path) throws IOException {
        JsonToken t = p.currentToken();
        switch (field.getType()) {
            case STRING:
                return text(p, path, "a string");
            case BYTES:
                String encoded = text(p, path, "a Base64 string");
                try {
                    return ByteString.copyFrom(Base64.getDecoder().decode(encoded));
                } catch (IllegalArgumentException e) {
                    throw fail(path, "invalid Base64: " + e.getMessage());
                }
            case BOOL:
                if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    return t == JsonToken.VALUE_TRUE;
                }
                throw fail(path, "expected a boolean, got " + kind(t));
            case ENUM:
                return enumValue(field, text(p, path, "an enum value name"), path);
            case DOUBLE:
                return readDouble(p, path);
            case FLOAT:
                double d = readDouble(p, path);
                if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
                    throw fail(path, "value " + d + " is out of range for float");
                }
                return (float) d;
            default:
                return readInteger(p, field, path);
        }
    }

    /** A map key, which JSON always carries as an object key string. */
    static Object mapKey(FieldDescriptor keyField, String key, String path) {
        return switch (keyField.getJavaType()) {
            case STRING -> key;
            case BOOLEAN -> switch (key) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw fail(path, "expected a boolean map key, got " + quote(key));
            };
            default -> integerString(keyField, key, path);
        };
    }

    static MesosJsonException fail(String path, String detail) {
        return new MesosJsonException("Failed to parse field '" + path + "': " + detail);
    }

    static String kind(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    private static String text(JsonParser p, String path, String expected) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw fail(path, "expected " + expected + ", got " + kind(p.currentToken()));
        }
        return p.getText();
    }

    private static EnumValueDescriptor enumValue(FieldDescriptor field, String name, String path) {
        EnumValueDescriptor value = field.getEnumType().findValueByName(name);
        if (value == null) {
            // Mesos rejects unknown names instead of dropping them, and so do we.
            throw fail(path, "unknown enum value " + quote(name) + " for " + field.getEnumType().getFullName());
        }
        return value;
    }

    private static double readDouble(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        double value;
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            value = p.getDoubleValue();
        } else if (t == JsonToken.VALUE_STRING) {
            String s = p.getText();
            Double special = nonFinite(s);
            if (special != null) {
                return special;
            }
            if (s.length() > MAX_NUMERIC_STRING || !DECIMAL.matcher(s).matches()) {
                throw fail(path, "expected a number, got string " + quote(s));
            }
            value = Double.parseDouble(s);
        } else {
            throw fail(path, "expected a number, got " + kind(t));
        }
        if (!Double.isFinite(value)) {
            // Only the explicit names may produce infinity, never an overflowing literal.
            throw fail(path, "number out of range for double");
        }
        return value;
    }

    /** Infinity and NaN by name, as Mesos 1.10 accepts them (its lexical_cast ignores case). */
    private static Double nonFinite(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "infinity", "+infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> null;
        };
    }

    private static Object readInteger(JsonParser p, FieldDescriptor field, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return fit(field, p.getBigIntegerValue(), path);
            }
            return fit(field, p.getLongValue(), path);
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return fit(field, integral(p, path), path);
        }
        if (t == JsonToken.VALUE_STRING) {
            return integerString(field, p.getText(), path);
        }
        throw fail(path, "expected an integer, got " + kind(t));
    }

    /** A JSON number written with a fraction or exponent, accepted only when its value is whole. */
    private static BigInteger integral(JsonParser p, String path) throws IOException {
        BigDecimal d;
        try {
            d = p.getDecimalValue().stripTrailingZeros();
        } catch (NumberFormatException | ArithmeticException e) {
            throw fail(path, "invalid number " + quote(p.getText()));
        }
        if (d.scale() > 0) {
            throw fail(path, "expected an integer, got " + d.toString());
        }
        if (d.precision() - d.scale() > 20) {
            throw fail(path, "value " + quote(p.getText()) + " is out of range");
        }
        return d.toBigIntegerExact();
    }

    private static Object integerString(FieldDescriptor field, String s, String path) {
        if (!INTEGER.matcher(s).matches()) {
            throw fail(path, "expected an integer, got string " + quote(s));
        }
        return fit(field, new BigInteger(s), path);
    }

    private static Object fit(FieldDescriptor field, BigInteger value, String path) {
        if (value.bitLength() < Long.SIZE) {
            return fit(field, value.longValue(), path);
        }
        boolean unsigned64 = field.getType() == FieldDescriptor.Type.UINT64
                || field.getType() == FieldDescriptor.Type.FIXED64;
        if (unsigned64 && value.signum() > 0 && value.bitLength() == Long.SIZE) {
            return value.longValue();
        }
        throw outOfRange(field, value.toString(), path);
    }

    private static Object fit(FieldDescriptor field, long value, String path) {
        switch (field.getType()) {
            case INT32, SINT32, SFIXED32:
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw outOfRange(field, Long.toString(value), path);
                }
                return (int) value;
            case UINT32, FIXED32:
                if (value < 0 || value > UINT32_MAX) {
                    throw outOfRange(field, Long.toString(value), path);
                }
                return (int) value;
            case UINT64, FIXED64:
                if (value < 0) {
                    throw outOfRange(field, Long.toString(value), path);
                }
                return value;
            default:
                return value;
        }
    }

    private static MesosJsonException outOfRange(FieldDescriptor field, String value, String path) {
        return fail(path, "value " + value + " is out of range for " + field.getType().name().toLowerCase(Locale.ROOT));
    }

    private static String quote(String s) {
        return "'" + (s.length() > MAX_QUOTED ? s.substring(0, MAX_QUOTED) + "..." : s) + "'";
    }
}
