package io.graft.codec.kryo;

import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer.CachedField;
import com.esotericsoftware.kryo.serializers.RecordSerializer;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a registered class as its serializer writes it: record components, serialized fields, or enum
 * constants. Part of the fingerprint, so that two members with different versions of a class (a field added,
 * enum constants reordered) refuse each other's bytes instead of misreading them.
 */
final class TypeShape {

    private TypeShape() {
    }

    /** The layout of {@code type} under {@code serializer}, as {@code (name:type,...)}, or empty when opaque. */
    static String of(Class<?> type, Serializer<?> serializer) {
        List<String> parts = new ArrayList<>();
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                parts.add(((Enum<?>) constant).name());
            }
        } else if (type.isRecord() && serializer instanceof RecordSerializer) {
            for (RecordComponent rc : type.getRecordComponents()) {
                parts.add(rc.getName() + ":" + rc.getGenericType().getTypeName());
            }
        } else if (serializer instanceof FieldSerializer) {
            for (CachedField field : ((FieldSerializer<?>) serializer).getFields()) {
                parts.add(field.getName() + ":" + field.getField().getGenericType().getTypeName());
            }
        } else {
            return "";
        }
        return "(" + String.join(",", parts) + ")";
    }
}
