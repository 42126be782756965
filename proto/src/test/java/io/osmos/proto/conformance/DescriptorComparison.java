package io.osmos.proto.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;

/**
 * Compares two schema files message by message, field by field and enum value by enum value,
 * and lists every difference that changes the wire or the JSON mapping: a field's number, name,
 * label, type, type name, default, packing, or presence; an enum value's number or presence.
 * Java options and comments are not compared: they are ours to choose.
 */
final class DescriptorComparison {

    private final List<String> differences = new ArrayList<>();

    static List<String> compare(FileDescriptorProto ours, FileDescriptorProto theirs) {
        DescriptorComparison comparison = new DescriptorComparison();
        String where = ours.getName();
        if (!ours.getPackage().equals(theirs.getPackage())) {
            comparison.differences.add(where + ": package " + ours.getPackage() + " != " + theirs.getPackage());
        }
        comparison.compareMessages(where, ours.getMessageTypeList(), theirs.getMessageTypeList());
        comparison.compareEnums(where, ours.getEnumTypeList(), theirs.getEnumTypeList());
        return comparison.differences;
    }

    private void compareMessages(String where, List<DescriptorProto> ours, List<DescriptorProto> theirs) {
        Map<String, DescriptorProto> mine = byName(ours, DescriptorProto::getName);
        Map<String, DescriptorProto> mesos = byName(theirs, DescriptorProto::getName);
        missingOrExtra(where, "message", mine.keySet(), mesos.keySet());
        for (Map.Entry<String, DescriptorProto> entry : mine.entrySet()) {
            DescriptorProto other = mesos.get(entry.getKey());
            if (other != null) {
                compareMessage(where + "." + entry.getKey(), entry.getValue(), other);
            }
        }
    }

    private void compareMessage(String where, DescriptorProto ours, DescriptorProto theirs) {
        Map<Integer, FieldDescriptorProto> mine = byName(ours.getFieldList(), FieldDescriptorProto::getNumber);
        Map<Integer, FieldDescriptorProto> mesos = byName(theirs.getFieldList(), FieldDescriptorProto::getNumber);
        for (Map.Entry<Integer, FieldDescriptorProto> entry : mesos.entrySet()) {
            FieldDescriptorProto field = mine.get(entry.getKey());
            if (field == null) {
                differences.add(where + ": field " + entry.getValue().getName() + " = " + entry.getKey()
                        + " is missing");
            } else {
                compareField(where, field, entry.getValue());
            }
        }
        for (Map.Entry<Integer, FieldDescriptorProto> entry : mine.entrySet()) {
            if (!mesos.containsKey(entry.getKey())) {
                differences.add(where + ": field " + entry.getValue().getName() + " = " + entry.getKey()
                        + " is not in Mesos 1.10");
            }
        }
        if (ours.getOneofDeclCount() != theirs.getOneofDeclCount()) {
            differences.add(where + ": " + ours.getOneofDeclCount() + " oneofs, Mesos has " + theirs.getOneofDeclCount());
        }
        if (!ours.getExtensionRangeList().equals(theirs.getExtensionRangeList())) {
            differences.add(where + ": extension ranges differ");
        }
        compareMessages(where, ours.getNestedTypeList(), theirs.getNestedTypeList());
        compareEnums(where, ours.getEnumTypeList(), theirs.getEnumTypeList());
    }

    private void compareField(String where, FieldDescriptorProto ours, FieldDescriptorProto theirs) {
        String field = where + "." + theirs.getName() + " (" + theirs.getNumber() + ")";
        same(field, "name", ours.getName(), theirs.getName());
        same(field, "label", ours.getLabel(), theirs.getLabel());
        same(field, "type", ours.getType(), theirs.getType());
        same(field, "type name", ours.getTypeName(), theirs.getTypeName());
        same(field, "default", ours.getDefaultValue(), theirs.getDefaultValue());
        same(field, "packed", ours.getOptions().getPacked(), theirs.getOptions().getPacked());
        same(field, "oneof", ours.hasOneofIndex() ? ours.getOneofIndex() : -1,
                theirs.hasOneofIndex() ? theirs.getOneofIndex() : -1);
    }

    private void compareEnums(String where, List<EnumDescriptorProto> ours, List<EnumDescriptorProto> theirs) {
        Map<String, EnumDescriptorProto> mine = byName(ours, EnumDescriptorProto::getName);
        Map<String, EnumDescriptorProto> mesos = byName(theirs, EnumDescriptorProto::getName);
        missingOrExtra(where, "enum", mine.keySet(), mesos.keySet());
        for (Map.Entry<String, EnumDescriptorProto> entry : mine.entrySet()) {
            EnumDescriptorProto other = mesos.get(entry.getKey());
            if (other != null) {
                Map<String, Integer> a = values(entry.getValue());
                Map<String, Integer> b = values(other);
                if (!a.equals(b)) {
                    differences.add(where + "." + entry.getKey() + ": values " + a + ", Mesos has " + b);
                }
            }
        }
    }

    private void missingOrExtra(String where, String kind, java.util.Set<String> ours, java.util.Set<String> theirs) {
        for (String name : theirs) {
            if (!ours.contains(name)) {
                differences.add(where + ": " + kind + " " + name + " is missing");
            }
        }
        for (String name : ours) {
            if (!theirs.contains(name)) {
                differences.add(where + ": " + kind + " " + name + " is not in Mesos 1.10");
            }
        }
    }

    private void same(String field, String what, Object ours, Object theirs) {
        if (!ours.equals(theirs)) {
            differences.add(field + ": " + what + " is " + ours + ", Mesos has " + theirs);
        }
    }

    private static Map<String, Integer> values(EnumDescriptorProto e) {
        return e.getValueList().stream().collect(Collectors.toMap(EnumValueDescriptorProto::getName,
                EnumValueDescriptorProto::getNumber, (x, y) -> x, TreeMap::new));
    }

    private static <K extends Comparable<K>, T> Map<K, T> byName(List<T> items, Function<T, K> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity(), (x, y) -> x, TreeMap::new));
    }
}
