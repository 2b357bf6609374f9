package community.platform.api.storage;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How the embedded server's documents and keys are kept in the H2 file: as BSON, the wire protocol's own encoding.
 * H2's default type Java-serializes any object it does not know, to store it and also to compare two keys (it compares
 * the serialized bytes), which made serialization most of the embedded server's work (docs/benchmarks.md, "Embedded
 * store format"). Keys here are compared as MongoDB orders values, and two keys are the same only when they are equal.
 */
final class BsonDataTypes {

    private BsonDataTypes() {
    }

    /** A collection's documents. */
    static final BasicDataType<Document> DOCUMENT = new BasicDataType<>() {
        @Override
        public int getMemory(Document document) {
            return estimate(document);
        }

        @Override
        public void write(WriteBuffer buffer, Document document) {
            buffer.put(encode(document));
        }

        @Override
        public Document read(ByteBuffer buffer) {
            return decode(buffer);
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    };

    /** A collection's ids and an index's keys and positions: a value, {@link Missing} or a {@link KeyValue}. */
    static final BasicDataType<Object> KEY = new BasicDataType<>() {
        @Override
        public int compare(Object a, Object b) {
            int order = order(a, b);
            if (order != 0 || a.equals(b)) {
                return order;
            }
            // Equal in MongoDB's order but not the same key (1 and 1L, null and missing): any fixed order will do.
            return Arrays.compare(encode(wrap(a)), encode(wrap(b)));
        }

        @Override
        public int getMemory(Object key) {
            return estimate(key);
        }

        @Override
        public void write(WriteBuffer buffer, Object key) {
            buffer.put(encode(wrap(key)));
        }

        @Override
        public Object read(ByteBuffer buffer) {
            return unwrap(decode(buffer));
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    };

    private static int order(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                int order = ValueComparator.ascWithoutListHandling().compare(x.get(i), y.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        if (a instanceof KeyValue || b instanceof KeyValue) {
            return a instanceof KeyValue ? 1 : -1;
        }
        return ValueComparator.ascWithoutListHandling().compare(a, b);
    }

    /** A key as a document: {@code {v: value}}, {@code {m: true}} for missing, {@code {kv: [keys]}} for a key value. */
    private static Document wrap(Object key) {
        if (key instanceof KeyValue values) {
            List<Document> wrapped = new ArrayList<>(values.size());
            values.forEach(value -> wrapped.add(wrap(value)));
            return new Document("kv", wrapped);
        }
        return key instanceof Missing ? new Document("m", true) : new Document("v", key);
    }

    private static Object unwrap(Document wrapped) {
        if (wrapped.containsKey("kv")) {
            return new KeyValue(((List<?>) wrapped.get("kv")).stream().map(value -> unwrap((Document) value)).toList());
        }
        return wrapped.containsKey("m") ? Missing.getInstance() : wrapped.get("v");
    }

    private static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        BsonEncoder.encodeDocument(document, buffer);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }

    /** Reads one BSON document, which starts with its length, and moves the buffer past it. */
    private static Document decode(ByteBuffer buffer) {
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer document = buffer.slice();
        document.limit(length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(document));
    }

    /** Roughly the bytes an object holds on the heap, for H2's page sizes and cache; not exact, and need not be. */
    private static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 48;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 32 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            int size = 40;
            for (Object element : values) {
                size += 8 + estimate(element);
            }
            return size;
        }
        if (value instanceof KeyValue key) {
            return estimate(key.stream().toList());
        }
        return value instanceof String text ? 40 + text.length() * 2 : 24;
    }
}
