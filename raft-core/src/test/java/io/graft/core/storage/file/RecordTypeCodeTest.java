package io.graft.core.storage.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** A record on disk names its entry's type by the type's code, whatever order the enum declares its types in. */
class RecordTypeCodeTest {

    @Test
    void eachTypeIsWrittenAsItsCodeAndReadBack() {
        for (EntryType type : EntryType.values()) {
            LogEntry entry = new LogEntry(5, 2, type, new byte[] {1, 2, 3});
            ByteBuffer buf = ByteBuffer.allocate(RecordFormat.size(entry));
            RecordFormat.encode(entry, buf, new CRC32C());

            assertThat(buf.get(24)).as(type.name()).isEqualTo((byte) type.code());
            assertThat(RecordFormat.decode(buf, 0).type()).isSameAs(type);
        }
    }
}
