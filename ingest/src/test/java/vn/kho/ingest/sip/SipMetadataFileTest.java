package vn.kho.ingest.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.Finding;

class SipMetadataFileTest {
    @TempDir
    Path tmp;

    private SipMetadataFile.Read read(String name, String content) throws IOException {
        return SipMetadataFile.read(Files.writeString(tmp.resolve(name), content));
    }

    private static List<String> codes(SipMetadataFile.Read read) {
        return read.problems().stream().map(Finding::code).toList();
    }

    @Test
    void readsJsonWithTheHoSoAtTheTopAndOneObjectPerDocument() throws IOException {
        SipMetadataFile.Read read = read(
                "m.json",
                """
                {"objid": "urn:uuid:3f2a1c9e-7b4d-4e8a-9c1f-2d6b8e0a5f17",
                 "organisation": {"name": "Sở Nội vụ", "code": "000.00.00.H30"},
                 "fileCode": "000.00.00.H30.2024.15", "title": "Hồ sơ", "language": ["01", "02"], "totalDoc": 1,
                 "description": null,
                 "documents": [{"file": "a.pdf", "numberOfPage": 3, "process": true, "keyword": ["x", "y"]}]}
                """);

        assertThat(read.problems()).isEmpty();
        SipMetadata m = read.metadata();
        assertThat(m.objid()).isEqualTo("urn:uuid:3f2a1c9e-7b4d-4e8a-9c1f-2d6b8e0a5f17");
        assertThat(m.organisationCode()).isEqualTo("000.00.00.H30");
        assertThat(m.hoSo()).containsOnlyKeys("fileCode", "title", "language", "totalDoc");
        assertThat(m.hoSo().get("language")).containsExactly("01", "02");
        assertThat(m.hoSo().get("totalDoc")).containsExactly("1");
        assertThat(m.documents()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo("a.pdf");
            assertThat(d.fields().get("numberOfPage")).containsExactly("3");
            assertThat(d.fields().get("process")).containsExactly("true");
            assertThat(d.fields().get("keyword")).containsExactly("x", "y");
        });
    }

    @Test
    void namesTheFieldAMisspeltNameMeant() throws IOException {
        SipMetadataFile.Read read =
                read("m.json", "{\"titel\": \"x\", \"documents\": [{\"file\": \"a\", \"subjetc\": 1}]}");

        assertThat(read.metadata()).isNull();
        assertThat(read.problems())
                .extracting(Finding::message)
                .containsExactly(
                        "m.json: 'titel' is not a TT05 hồ sơ field; did you mean title?",
                        "m.json: documents[0]: 'subjetc' is not a TT05 document field; did you mean subject?");
        assertThat(codes(read)).containsOnly("SIP_METADATA_FIELD_UNKNOWN");
    }

    @Test
    void refusesSeveralValuesForAFieldThatOccursOnce() throws IOException {
        SipMetadataFile.Read read = read("m.json", "{\"title\": [\"a\", \"b\"], \"documents\": []}");

        assertThat(codes(read)).containsExactly("SIP_METADATA_FIELD_REPEATED");
    }

    @Test
    void refusesJsonThatIsNotWellFormedOrHasADuplicateMember() throws IOException {
        assertThat(codes(read("a.json", "{\"title\": "))).containsExactly("SIP_METADATA_UNREADABLE");
        assertThat(codes(read("b.json", "{\"title\": \"a\", \"title\": \"b\", \"documents\": []}")))
                .containsExactly("SIP_METADATA_UNREADABLE");
        assertThat(codes(read("c.json", "[]"))).containsExactly("SIP_METADATA_INVALID");
    }

    @Test
    void readsCsvWhoseHoSoColumnsAreFilledOnTheFirstRowOnly() throws IOException {
        SipMetadataFile.Read read = read(
                "m.csv",
                "\uFEFFfile,subject,hoSo.title,hoSo.language,organisation.code\n"
                        + "a.pdf,\"Kế hoạch, năm 2024\",Hồ sơ,01;02,000.00.00.H30\n"
                        + "\n"
                        + "b/c.pdf,Báo cáo,,,\n");

        assertThat(read.problems()).isEmpty();
        assertThat(read.metadata().hoSo()).containsOnlyKeys("title", "language");
        assertThat(read.metadata().hoSo().get("language")).containsExactly("01;02");
        assertThat(read.metadata().organisationCode()).isEqualTo("000.00.00.H30");
        assertThat(read.metadata().documents())
                .extracting(SipMetadata.Document::file)
                .containsExactly("a.pdf", "b/c.pdf");
        assertThat(read.metadata().documents().get(0).fields().get("subject")).containsExactly("Kế hoạch, năm 2024");
    }

    @Test
    void refusesCsvWhoseRowsDisagreeAboutAHoSoValue() throws IOException {
        SipMetadataFile.Read read = read("m.csv", "file,hoSo.title\na.pdf,Một\nb.pdf,Hai\n");

        assertThat(read.problems()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("SIP_METADATA_INVALID");
            assertThat(f.message()).contains("row 3").contains("hoSo.title").contains("row 2");
        });
    }

    @Test
    void tellsThatAHoSoColumnNeedsItsPrefix() throws IOException {
        SipMetadataFile.Read read = read("m.csv", "file,fileCode\na.pdf,000.00.00.H30.2024.15\n");

        assertThat(read.problems()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("SIP_METADATA_FIELD_UNKNOWN");
            assertThat(f.message()).contains("hoSo.fileCode");
        });
    }

    @Test
    void refusesCsvWithoutAFileColumnAndTextThatIsNotUtf8() throws IOException {
        assertThat(codes(read("m.csv", "subject\nx\n"))).containsExactly("SIP_METADATA_INVALID");
        Path latin1 = Files.write(tmp.resolve("l.csv"), new byte[] {'f', 'i', 'l', 'e', '\n', (byte) 0xE0, '\n'});
        assertThat(SipMetadataFile.read(latin1).problems())
                .extracting(Finding::code)
                .containsExactly("SIP_METADATA_UNREADABLE");
    }
}
