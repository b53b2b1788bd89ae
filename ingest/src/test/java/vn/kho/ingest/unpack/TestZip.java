package vn.kho.ingest.unpack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zips byte by byte, so that tests can build the hostile ones no zip library would write: every header field
 * of every entry can be set, and the local header can be made to disagree with the central directory.
 */
public final class TestZip {
    public static final int STORED = 0;
    public static final int DEFLATED = 8;
    public static final int EFS = 1 << 11;

    /** One entry. Fields default to a consistent, valid entry; the {@code local*} overrides apply to its local header. */
    public static final class Entry {
        public byte[] name;
        public int flags;
        public int method = DEFLATED;
        public long crc;
        public long size;
        public byte[] payload;
        public int versionMadeBy = (3 << 8) | 30; // Unix, 3.0
        public long externalAttributes;
        public byte[] centralExtra = new byte[0];
        public byte[] localExtra = new byte[0];
        public Integer localFlags;
        public Integer localMethod;
        public byte[] localName;
        public Long localCrc;
        public Long localSize;
        /** When set, the central directory points here and no local header is written for the entry. */
        public Long offsetOverride;

        public long offset;

        public Entry flags(int value) {
            flags = value;
            return this;
        }

        public Entry unixMode(int mode) {
            externalAttributes = ((long) mode) << 16;
            return this;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    public Entry add(String name, byte[] data) {
        return add(name.getBytes(StandardCharsets.UTF_8), data, DEFLATED);
    }

    public Entry stored(String name, byte[] data) {
        return add(name.getBytes(StandardCharsets.UTF_8), data, STORED);
    }

    public Entry add(byte[] name, byte[] data, int method) {
        Entry entry = new Entry();
        entry.name = name;
        entry.method = method;
        entry.size = data.length;
        entry.crc = crc(data);
        entry.payload = method == DEFLATED ? deflate(data) : data.clone();
        entries.add(entry);
        return entry;
    }

    /** The local header and data of an entry, as they would be written, to be quoted inside another entry's data. */
    public static byte[] localRecord(Entry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLocal(out, entry);
        return out.toByteArray();
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry entry : entries) {
            if (entry.offsetOverride != null) {
                entry.offset = entry.offsetOverride;
            } else {
                entry.offset = out.size();
                writeLocal(out, entry);
            }
        }
        int cdOffset = out.size();
        for (Entry entry : entries) {
            ByteBuffer header = le(46);
            header.putInt(0x02014b50)
                    .putShort((short) entry.versionMadeBy)
                    .putShort((short) 20)
                    .putShort((short) entry.flags)
                    .putShort((short) entry.method)
                    .putShort((short) 0)
                    .putShort((short) 0x21)
                    .putInt((int) entry.crc)
                    .putInt(entry.payload.length)
                    .putInt((int) entry.size)
                    .putShort((short) entry.name.length)
                    .putShort((short) entry.centralExtra.length)
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putInt((int) entry.externalAttributes)
                    .putInt((int) entry.offset);
            out.writeBytes(header.array());
            out.writeBytes(entry.name);
            out.writeBytes(entry.centralExtra);
        }
        int cdSize = out.size() - cdOffset;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) entries.size())
                .putShort((short) entries.size())
                .putInt(cdSize)
                .putInt(cdOffset)
                .putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    public Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    private static void writeLocal(ByteArrayOutputStream out, Entry entry) {
        byte[] name = entry.localName != null ? entry.localName : entry.name;
        ByteBuffer header = le(30);
        header.putInt(0x04034b50)
                .putShort((short) 20)
                .putShort((short) (entry.localFlags != null ? entry.localFlags : entry.flags))
                .putShort((short) (entry.localMethod != null ? entry.localMethod : entry.method))
                .putShort((short) 0)
                .putShort((short) 0x21)
                .putInt((int) (entry.localCrc != null ? entry.localCrc : entry.crc))
                .putInt(entry.payload.length)
                .putInt((int) (entry.localSize != null ? entry.localSize : entry.size))
                .putShort((short) name.length)
                .putShort((short) entry.localExtra.length);
        out.writeBytes(header.array());
        out.writeBytes(name);
        out.writeBytes(entry.localExtra);
        out.writeBytes(entry.payload);
    }

    /** An Info-ZIP Unicode Path extra field (0x7075) declaring {@code unicodeName} for {@code rawName}. */
    public static byte[] unicodePathField(byte[] rawName, String unicodeName, long crcOverride) {
        byte[] utf8 = unicodeName.getBytes(StandardCharsets.UTF_8);
        ByteBuffer field = le(4 + 5 + utf8.length);
        field.putShort((short) 0x7075)
                .putShort((short) (5 + utf8.length))
                .put((byte) 1)
                .putInt((int) (crcOverride >= 0 ? crcOverride : crc(rawName)))
                .put(utf8);
        return field.array();
    }

    public static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    public static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
