package vn.kho.preservation.fixity;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A source stream that remembers whether reading it failed, to tell a bad source from a failed write. */
final class WatchedInput extends FilterInputStream {
    private IOException failure;

    WatchedInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** The read error, if reading failed. */
    IOException failure() {
        return failure;
    }
}
