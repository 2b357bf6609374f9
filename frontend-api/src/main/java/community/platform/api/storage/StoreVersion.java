package community.platform.api.storage;

import de.bwaldvogel.mongo.MongoVersion;

import java.util.List;

/**
 * The MongoDB the embedded server says it is, in {@code isMaster} (maxWireVersion), {@code buildInfo} and
 * {@code serverStatus}: 4.4, wire version 9. mongo-java-server's own newest setting answers "5.0.0" with wire version
 * 8, which is MongoDB 4.2's, below what current clients accept:
 * <ul>
 * <li>mongosh 2.12.0, with the Node.js driver 7.9.0: {@code MIN_SUPPORTED_WIRE_VERSION = 9}
 *     (mongodb/lib/cmap/wire_protocol/constants.js);</li>
 * <li>pymongo 4.18.2: {@code MIN_SUPPORTED_WIRE_VERSION = 9} (pymongo/common.py);</li>
 * <li>the Java driver 5.14.0, and 5.5.2 used here: {@code ServerDescription.MIN_DRIVER_WIRE_VERSION = 8}.</li>
 * </ul>
 * The lowest version they all accept, not a higher one: a client turns on newer commands and options by this number,
 * and the server implements the older ones (docs/settings-and-storage.md, "What the embedded store says it is").
 */
enum StoreVersion implements MongoVersion {

    MONGODB_4_4(List.of(4, 4, 0), 9);

    private final List<Integer> versionArray;
    private final int wireVersion;

    StoreVersion(List<Integer> versionArray, int wireVersion) {
        this.versionArray = versionArray;
        this.wireVersion = wireVersion;
    }

    @Override
    public List<Integer> getVersionArray() {
        return versionArray;
    }

    @Override
    public int getWireVersion() {
        return wireVersion;
    }
}
