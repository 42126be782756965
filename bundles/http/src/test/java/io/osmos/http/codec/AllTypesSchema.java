package io.osmos.http.codec;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;

/**
 * A proto2 message with every scalar type, a recursive child and maps with non-string keys: the
 * Mesos protos have no float, sint or fixed fields, yet the mapping must handle any descriptor.
 */
final class AllTypesSchema {

    static final Descriptor ALL_TYPES = build();

    private AllTypesSchema() {
    }

    static DynamicMessage.Builder newBuilder() {
        return DynamicMessage.newBuilder(ALL_TYPES);
    }

    static DynamicMessage defaultInstance() {
        return DynamicMessage.getDefaultInstance(ALL_TYPES);
    }

    static FieldDescriptor field(String name) {
        return ALL_TYPES.findFieldByName(name);
    }

    private static Descriptor build() {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName("AllTypes")
                .addField(optional("d", 1, Type.TYPE_DOUBLE))
                .addField(optional("f", 2, Type.TYPE_FLOAT))
                .addField(optional("i32", 3, Type.TYPE_INT32))
                .addField(optional("i64", 4, Type.TYPE_INT64))
                .addField(optional("u32", 5, Type.TYPE_UINT32))
                .addField(optional("u64", 6, Type.TYPE_UINT64))
                .addField(optional("s32", 7, Type.TYPE_SINT32))
                .addField(optional("s64", 8, Type.TYPE_SINT64))
                .addField(optional("fx32", 9, Type.TYPE_FIXED32))
                .addField(optional("fx64", 10, Type.TYPE_FIXED64))
                .addField(optional("sf32", 11, Type.TYPE_SFIXED32))
                .addField(optional("sf64", 12, Type.TYPE_SFIXED64))
                .addField(optional("b", 13, Type.TYPE_BOOL))
                .addField(optional("s", 14, Type.TYPE_STRING))
                .addField(optional("by", 15, Type.TYPE_BYTES))
                .addField(optional("e", 16, Type.TYPE_ENUM).setTypeName(".test.Color"))
                .addField(optional("child", 17, Type.TYPE_MESSAGE).setTypeName(".test.AllTypes"))
                .addField(repeated("ri", 18, Type.TYPE_INT32))
                .addField(repeated("by_int", 19, Type.TYPE_MESSAGE).setTypeName(".test.AllTypes.ByIntEntry"))
                .addField(repeated("by_bool", 20, Type.TYPE_MESSAGE).setTypeName(".test.AllTypes.ByBoolEntry"))
                .addField(repeated("by_u64", 21, Type.TYPE_MESSAGE).setTypeName(".test.AllTypes.ByU64Entry"))
                .addField(repeated("colors", 22, Type.TYPE_ENUM).setTypeName(".test.Color"))
                .addNestedType(mapEntry("ByIntEntry", Type.TYPE_INT32, optional("value", 2, Type.TYPE_STRING)))
                .addNestedType(mapEntry("ByBoolEntry", Type.TYPE_BOOL, optional("value", 2, Type.TYPE_STRING)))
                .addNestedType(mapEntry("ByU64Entry", Type.TYPE_UINT64,
                        optional("value", 2, Type.TYPE_MESSAGE).setTypeName(".test.AllTypes")));
        EnumDescriptorProto color = EnumDescriptorProto.newBuilder().setName("Color")
                .addValue(EnumValueDescriptorProto.newBuilder().setName("RED").setNumber(0))
                .addValue(EnumValueDescriptorProto.newBuilder().setName("GREEN").setNumber(1))
                .build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("test/all_types.proto")
                .setPackage("test").setSyntax("proto2").addMessageType(message).addEnumType(color).build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("AllTypes");
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DescriptorProto mapEntry(String name, Type keyType, FieldDescriptorProto.Builder value) {
        return DescriptorProto.newBuilder().setName(name)
                .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                .addField(optional("key", 1, keyType))
                .addField(value)
                .build();
    }

    private static FieldDescriptorProto.Builder optional(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL);
    }

    private static FieldDescriptorProto.Builder repeated(String name, int number, Type type) {
        return optional(name, number, type).setLabel(Label.LABEL_REPEATED);
    }
}
