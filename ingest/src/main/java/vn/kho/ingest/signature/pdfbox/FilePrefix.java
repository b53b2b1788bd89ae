package vn.kho.ingest.signature.pdfbox;

import java.io.File;
import java.io.IOException;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.RandomAccessReadView;

/**
 * The first {@code length} bytes of a file as PDFBox input, read from the file as PDFBox asks (not copied): how an
 * earlier revision of an incrementally updated PDF is loaded. Unlike {@link RandomAccessReadView} it can make views
 * itself, which PDFBox's parser needs for streams.
 */
final class FilePrefix implements RandomAccessRead {
    private final RandomAccessReadBufferedFile file;
    private final long length;

    FilePrefix(File file, long length) throws IOException {
        this.file = new RandomAccessReadBufferedFile(file);
        this.length = Math.min(length, this.file.length());
    }

    @Override
    public int read() throws IOException {
        return isEOF() ? -1 : file.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (isEOF()) {
            return -1;
        }
        return file.read(b, off, (int) Math.min(len, length - file.getPosition()));
    }

    @Override
    public long getPosition() throws IOException {
        return file.getPosition();
    }

    @Override
    public void seek(long position) throws IOException {
        file.seek(Math.min(position, length));
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public boolean isClosed() {
        return file.isClosed();
    }

    @Override
    public boolean isEOF() throws IOException {
        return file.getPosition() >= length;
    }

    @Override
    public RandomAccessReadView createView(long start, long viewLength) throws IOException {
        if (start < 0 || viewLength < 0 || start > length) {
            throw new IOException("view [" + start + ", +" + viewLength + ") outside the first " + length + " bytes");
        }
        return file.createView(start, Math.min(viewLength, length - start));
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
