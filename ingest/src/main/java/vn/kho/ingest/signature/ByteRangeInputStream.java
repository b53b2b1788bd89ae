package vn.kho.ingest.signature;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The ranges {@code [offset, length, offset, length, …]} of a file, one after the other, read on demand. */
final class ByteRangeInputStream extends InputStream {
    private final FileChannel channel;
    private final long[] ranges;
    private int range;
    private long position;
    private long remaining;

    ByteRangeInputStream(Path file, long[] ranges) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.ranges = ranges.clone();
        this.position = ranges[0];
        this.remaining = ranges[1];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (remaining == 0) {
            range += 2;
            if (range >= ranges.length) {
                return -1;
            }
            position = ranges[range];
            remaining = ranges[range + 1];
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
        if (n < 0) {
            throw new EOFException("the file ends before byte " + (position + remaining) + " of the signed range");
        }
        position += n;
        remaining -= n;
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
