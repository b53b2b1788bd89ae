package vn.kho.ingest.unpack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Where the central directory is, read from the end of central directory record (and its Zip64 counterpart) before
 * commons-compress reads the directory itself, so that a directory too large for the limits is refused without being
 * loaded, and so that entries can be checked against the directory's position.
 *
 * @param cdOffset where the central directory starts
 * @param cdSize its length in bytes
 * @param entries how many entries it declares
 */
record ZipTail(long cdOffset, long cdSize, long entries) {
    static final int EOCD_SIG = 0x06054b50;
    static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    static final int ZIP64_EOCD_SIG = 0x06064b50;
    private static final int EOCD_SIZE = 22;
    private static final int ZIP64_LOCATOR_SIZE = 20;
    private static final int ZIP64_EOCD_SIZE = 56;
    private static final int MAX_COMMENT = 0xFFFF;

    static ZipTail read(FileChannel channel, long fileSize) throws IOException, ZipRejection {
        if (fileSize < EOCD_SIZE) {
            throw unreadable("the file is " + fileSize + " bytes long, too short to be a zip");
        }
        int tailLength = (int) Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
        ByteBuffer tail = readFully(channel, fileSize - tailLength, tailLength);
        int at = -1;
        for (int i = tailLength - EOCD_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == EOCD_SIG) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw unreadable("no end of central directory record: not a zip, or a truncated one");
        }
        long eocdPosition = fileSize - tailLength + at;
        int disk = u16(tail, at + 4);
        int cdDisk = u16(tail, at + 6);
        long entriesOnDisk = u16(tail, at + 8);
        long entries = u16(tail, at + 10);
        long cdSize = u32(tail, at + 12);
        long cdOffset = u32(tail, at + 16);
        int commentLength = u16(tail, at + 20);
        if (eocdPosition + EOCD_SIZE + commentLength != fileSize) {
            throw unreadable("the end of central directory record does not end the file (" + commentLength
                    + "-byte comment, " + (fileSize - eocdPosition - EOCD_SIZE) + " bytes follow it)");
        }
        long cdEnd = eocdPosition;
        if (eocdPosition >= ZIP64_LOCATOR_SIZE
                && readFully(channel, eocdPosition - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE)
                                .getInt(0)
                        == ZIP64_LOCATOR_SIG) {
            ByteBuffer locator = readFully(channel, eocdPosition - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
            long zip64Disk = u32(locator, 4);
            long zip64Offset = locator.getLong(8);
            long totalDisks = u32(locator, 16);
            if (zip64Disk != 0 || totalDisks > 1) {
                throw unreadable("split (multi-disk) zips are not supported");
            }
            if (zip64Offset < 0 || zip64Offset > eocdPosition - ZIP64_LOCATOR_SIZE - ZIP64_EOCD_SIZE) {
                throw unreadable("the Zip64 end record locator points outside the file");
            }
            ByteBuffer zip64 = readFully(channel, zip64Offset, ZIP64_EOCD_SIZE);
            if (zip64.getInt(0) != ZIP64_EOCD_SIG) {
                throw unreadable("no Zip64 end of central directory record where the locator points");
            }
            disk = (int) Math.min(u32(zip64, 16), Integer.MAX_VALUE);
            cdDisk = (int) Math.min(u32(zip64, 20), Integer.MAX_VALUE);
            entriesOnDisk = zip64.getLong(24);
            entries = zip64.getLong(32);
            cdSize = zip64.getLong(40);
            cdOffset = zip64.getLong(48);
            cdEnd = zip64Offset;
        }
        if (disk != 0 || cdDisk != 0 || entriesOnDisk != entries) {
            throw unreadable("split (multi-disk) zips are not supported");
        }
        if (cdSize < 0 || cdOffset < 0 || entries < 0 || cdOffset > cdEnd || cdSize != cdEnd - cdOffset) {
            // Also refuses zips with bytes prepended without fixing their offsets: other tools would read them
            // differently, and Kho keeps the zip as it came.
            throw unreadable("the central directory (offset " + cdOffset + ", " + cdSize
                    + " bytes) does not end where the end record starts (" + cdEnd + ")");
        }
        return new ZipTail(cdOffset, cdSize, entries);
    }

    static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new java.io.EOFException("unexpected end of zip at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    static int u16(ByteBuffer buffer, int index) {
        return Short.toUnsignedInt(buffer.getShort(index));
    }

    static long u32(ByteBuffer buffer, int index) {
        return Integer.toUnsignedLong(buffer.getInt(index));
    }

    private static ZipRejection unreadable(String message) {
        return new ZipRejection(ZipCodes.UNREADABLE, message, null);
    }
}
