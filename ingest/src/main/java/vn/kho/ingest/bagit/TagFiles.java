package vn.kho.ingest.bagit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vn.kho.repository.Finding;

/** Reads a tag file line by line in the bag's declared encoding, without holding it whole in memory. */
final class TagFiles {
    private TagFiles() {}

    @FunctionalInterface
    interface LineHandler {
        void line(int number, String text);
    }

    /**
     * Calls {@code handler} for every line (CR, LF and CRLF all end a line). A UTF-8 byte-order mark is skipped with a
     * warning. Returns false, with a finding, when the file cannot be read or decoded.
     */
    static boolean forEachLine(Path file, String rel, Charset charset, List<Finding> findings, LineHandler handler) {
        var decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                    if (!charset.name().startsWith("UTF-16") && !charset.name().startsWith("UTF-32")) {
                        findings.add(Finding.warning(
                                "BAGIT_TAG_FILE_BOM", rel + " starts with a byte-order mark; it was ignored", rel));
                    }
                }
                handler.line(number, line);
            }
            return true;
        } catch (CharacterCodingException e) {
            findings.add(Finding.error(
                    "BAGIT_TAG_FILE_ENCODING",
                    rel + " is not valid " + charset.name() + " (the encoding bagit.txt declares)",
                    rel));
            return false;
        } catch (IOException e) {
            findings.add(Finding.error("BAGIT_TAG_FILE_UNREADABLE", rel + " could not be read: " + e, rel));
            return false;
        }
    }

    static boolean isLinearWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
