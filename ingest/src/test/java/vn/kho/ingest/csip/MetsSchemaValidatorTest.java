package vn.kho.ingest.csip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.Tt05SipBuilder;

/** Schema validation uses the bundled schemas only and never follows what a document points to. */
class MetsSchemaValidatorTest {
    @TempDir
    Path tmp;

    private Path rootMets(String edit) throws Exception {
        String mets =
                new String(Tt05SipBuilder.create().files().get("METS.xml"), java.nio.charset.StandardCharsets.UTF_8);
        Path file = tmp.resolve("METS.xml");
        Files.writeString(file, mets.replaceFirst("<mets ", "<mets " + edit + " "));
        return file;
    }

    @Test
    void ignoresSchemaLocationsThatPointOutsideTheBundle() throws Exception {
        Path file = rootMets("xsi:schemaLocation=\"http://www.loc.gov/METS/ http://127.0.0.1:9/mets.xsd"
                + " https://DILCIS.eu/XML/METS/CSIPExtensionMETS file:///etc/passwd\"");

        assertThat(MetsSchemaValidator.validate(file)).isEmpty();
    }

    @Test
    void reportsAnInvalidDocumentWithLineAndColumn() throws Exception {
        Path file = rootMets("FOO=\"bar\"");

        assertThat(MetsSchemaValidator.validate(file))
                .singleElement()
                .asString()
                .contains("line 2", "FOO");
    }
}
