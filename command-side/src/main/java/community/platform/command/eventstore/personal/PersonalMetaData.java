package community.platform.command.eventstore.personal;

import community.platform.shared.personal.PersonalData;
import community.platform.shared.personal.Subjects;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

/**
 * The personal part of an event's metadata, the client address, stored encrypted under the actor's key and read back
 * plain (or as erased), around the serializer that does the same for payloads ({@link PersonalFields}).
 */
public final class PersonalMetaData implements Serializer {

    static final String ADDRESS = "clientAddress";

    private final Serializer payloads;
    private final PersonalKeys keys;

    public PersonalMetaData(Serializer payloads, PersonalKeys keys) {
        this.payloads = payloads;
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        // metadata read back is opened, so an address is always plain here, even one that looks sealed
        if (object instanceof MetaData metaData && metaData.get(ADDRESS) instanceof String address
                && !PersonalData.ERASED.equals(address) && metaData.get("actor") instanceof String actor) {
            object = metaData.and(ADDRESS, PersonalFields.seal(keys, Subjects.person(actor), address));
        }
        return payloads.serialize(object, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        T read = payloads.deserialize(serializedObject);
        if (read instanceof MetaData metaData && metaData.get(ADDRESS) instanceof String address
                && PersonalFields.isSealed(address)) {
            @SuppressWarnings("unchecked")
            T opened = (T) metaData.and(ADDRESS, PersonalFields.open(keys, address));
            return opened;
        }
        return read;
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return payloads.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return payloads.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return payloads.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return payloads.getConverter();
    }
}
