package vn.kho.ingest.csip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.kho.ingest.PackageRoot;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;

/**
 * One package per requirement checked, each a valid test-kit SIP with exactly one rule broken (its METS edited, or a
 * file added, moved or left out), named after the rule it breaks. Each must produce a finding of the expected
 * severity about that requirement id.
 */
class CsipRequirementsTest {
    private static final UUID ID = UUID.fromString("3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b");
    private static final String ROOT = "METS.xml";
    private static final String REP = "representations/rep1/METS.xml";

    @TempDir
    Path tmp;

    private record Case(
            String name, String requirement, Severity severity, BiFunction<Tt05SipBuilder, Path, PackageRoot> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Tt05SipBuilder sip() {
        return Tt05SipBuilder.create().id(ID);
    }

    /** The file {@code path} of the builder's SIP with each regex in {@code edits} replaced (first match only). */
    private static BiFunction<Tt05SipBuilder, Path, PackageRoot> edit(String path, String... edits) {
        return (builder, tmp) -> CsipPackages.edited(builder, path, text -> apply(text, edits), tmp);
    }

    private static String apply(String text, String... edits) {
        for (int i = 0; i < edits.length; i += 2) {
            String next = text.replaceFirst(edits[i], edits[i + 1]);
            if (next.equals(text)) {
                throw new IllegalArgumentException("no match for " + edits[i]);
            }
            text = next;
        }
        return text;
    }

    /** The SIP with file {@code from} moved to {@code to} and the root METS edited by {@code edits}. */
    private static BiFunction<Tt05SipBuilder, Path, PackageRoot> move(String from, String to, String... edits) {
        return (builder, tmp) -> {
            Map<String, byte[]> files = new LinkedHashMap<>();
            builder.files().forEach((k, v) -> files.put(k.equals(from) ? to : k, v));
            if (edits.length > 0) {
                String mets = new String(files.get(ROOT), StandardCharsets.UTF_8);
                files.put(ROOT, apply(mets, edits).getBytes(StandardCharsets.UTF_8));
            }
            return CsipPackages.withFiles(builder.folderName(), files, tmp);
        };
    }

    private static BiFunction<Tt05SipBuilder, Path, PackageRoot> asBuilt() {
        return CsipPackages::of;
    }

    private static Case error(String name, String requirement, BiFunction<Tt05SipBuilder, Path, PackageRoot> make) {
        return new Case(name, requirement, Severity.ERROR, make);
    }

    private static Case warning(String name, String requirement, BiFunction<Tt05SipBuilder, Path, PackageRoot> make) {
        return new Case(name, requirement, Severity.WARNING, make);
    }

    private static BiFunction<Tt05SipBuilder, Path, PackageRoot> with(
            java.util.function.UnaryOperator<Tt05SipBuilder> knobs,
            BiFunction<Tt05SipBuilder, Path, PackageRoot> then) {
        return (builder, tmp) -> then.apply(knobs.apply(builder), tmp);
    }

    private static final byte[] TEXT = "ghi chú".getBytes(StandardCharsets.UTF_8);
    private static final String MDREF = "(<mdRef [^>]*?)";
    private static final String FILE = "(<file [^>]*?)";

    static Stream<Case> cases() {
        return Stream.of(
                // CSIP0: schema validity
                error(
                        "metsElementOutsideTheSchema",
                        "CSIP0",
                        edit(ROOT, "<name>Kho test kit</name>", "<namez>x</namez>")),
                error(
                        "packageTypeOutsideTheCsipVocabulary",
                        "CSIP0",
                        edit(ROOT, "OAISPACKAGETYPE=\"SIP\"", "OAISPACKAGETYPE=\"XIP\"")),
                error("representationMetsNotWellFormed", "CSIP0", edit(REP, "</mets>", "</met>")),
                error("rootMetsNotWellFormed", "CSIP0", with(Tt05SipBuilder::malformedMets, asBuilt())),
                error("rootMetsWithDoctype", "CSIP0", with(Tt05SipBuilder::metsWithDoctype, asBuilt())),
                // CSIPSTR: folders
                error("noSingleRootFolder", "CSIPSTR1", with(b -> b.rootFolder(""), asBuilt())),
                warning("rootFolderNotNamedAfterObjid", "CSIPSTR2", with(b -> b.rootFolder("ho-so-1"), asBuilt())),
                warning(
                        "rootFolderWithFondsCodePrefix",
                        "CSIPSTR2",
                        with(b -> b.rootFolder("H30_urn_uuid_" + ID), asBuilt())),
                error("rootMetsNamedInLowerCase", "CSIPSTR4", move("METS.xml", "mets.xml")),
                warning("noMetadataFolder", "CSIPSTR5", with(Tt05SipBuilder::withoutEad, asBuilt())),
                warning(
                        "preservationMetadataOutsidePreservationFolder",
                        "CSIPSTR6",
                        with(
                                Tt05SipBuilder::withPremis,
                                move(
                                        "metadata/preservation/PREMIS.xml",
                                        "metadata/other/PREMIS.xml",
                                        "metadata/preservation/PREMIS.xml",
                                        "metadata/other/PREMIS.xml"))),
                warning(
                        "descriptiveMetadataOutsideDescriptiveFolder",
                        "CSIPSTR7",
                        move(
                                "metadata/descriptive/EAD.xml",
                                "metadata/other/EAD.xml",
                                "metadata/descriptive/EAD.xml",
                                "metadata/other/EAD.xml")),
                warning(
                        "representationWithoutDataFolder",
                        "CSIPSTR11",
                        with(b -> b.unreferencedFile("representations/rep2/notes.txt", TEXT), asBuilt())),
                warning(
                        "representationWithoutMets",
                        "CSIPSTR12",
                        with(b -> b.unreferencedFile("representations/rep2/data/a.txt", TEXT), asBuilt())),
                warning(
                        "representationWithoutMetadataFolder",
                        "CSIPSTR13",
                        with(b -> b.unreferencedFile("representations/rep2/data/a.txt", TEXT), asBuilt())),
                warning(
                        "schemaOutsideSchemasFolder",
                        "CSIPSTR15",
                        with(b -> b.extraFile("metadata/simpledc.xsd", TEXT), asBuilt())),
                // CSIP1-CSIP6: the mets element
                error("noObjid", "CSIP1", edit(ROOT, " OBJID=\"[^\"]*\"", "")),
                warning("representationObjidNotItsFolder", "CSIP1", edit(REP, "OBJID=\"rep1\"", "OBJID=\"ban-chinh\"")),
                error("noType", "CSIP2", edit(ROOT, " TYPE=\"Mixed\"", "")),
                error(
                        "typeOutsideTheContentCategoryVocabulary",
                        "CSIP2",
                        edit(ROOT, "TYPE=\"Mixed\"", "TYPE=\"Hồ sơ\"")),
                warning("typeOtherWithoutOtherType", "CSIP3", edit(ROOT, "TYPE=\"Mixed\"", "TYPE=\"OTHER\"")),
                warning(
                        "noContentInformationType",
                        "CSIP4",
                        edit(
                                REP,
                                " csip:CONTENTINFORMATIONTYPE=\"OTHER\" csip:OTHERCONTENTINFORMATIONTYPE=\"TT05\"",
                                "")),
                error("noProfile", "CSIP6", edit(ROOT, " PROFILE=\"[^\"]*\"", "")),
                // CSIP117, CSIP7-CSIP16: the header
                error("noMetsHdr", "CSIP117", edit(ROOT, "<metsHdr[\\s\\S]*</metsHdr>\\n", "")),
                error("noCreateDate", "CSIP7", edit(ROOT, " CREATEDATE=\"[^\"]*\"", "")),
                error("noPackageType", "CSIP9", edit(ROOT, " csip:OAISPACKAGETYPE=\"SIP\"", "")),
                error(
                        "packageTypeOnMetsInsteadOfMetsHdr",
                        "CSIP9",
                        edit(
                                ROOT,
                                " csip:OAISPACKAGETYPE=\"SIP\"",
                                "",
                                " PROFILE=",
                                " csip:OAISPACKAGETYPE=\"SIP\" PROFILE=")),
                error("noAgent", "CSIP10", edit(ROOT, "<agent[\\s\\S]*</agent>\\n", "")),
                error(
                        "softwareAgentNotCreator",
                        "CSIP11",
                        edit(ROOT, "ROLE=\"CREATOR\" TYPE=\"OTHER\"", "ROLE=\"EDITOR\" TYPE=\"OTHER\"")),
                error(
                        "softwareAgentNotTypeOther",
                        "CSIP12",
                        edit(
                                ROOT,
                                "TYPE=\"OTHER\" OTHERTYPE=\"SOFTWARE\"",
                                "TYPE=\"ORGANIZATION\" OTHERTYPE=\"SOFTWARE\"")),
                error("noSoftwareAgent", "CSIP13", edit(ROOT, "OTHERTYPE=\"SOFTWARE\"", "OTHERTYPE=\"PROGRAM\"")),
                error("softwareAgentWithoutName", "CSIP14", edit(ROOT, "<name>Kho test kit</name>", "<name/>")),
                error(
                        "softwareAgentWithoutNote",
                        "CSIP15",
                        edit(ROOT, "<note csip:NOTETYPE=\"SOFTWARE VERSION\">0.1.0</note>", "")),
                error("softwareAgentNoteUntyped", "CSIP16", edit(ROOT, " csip:NOTETYPE=\"SOFTWARE VERSION\"", "")),
                // CSIP17-CSIP30: dmdSec
                warning(
                        "descriptiveMetadataWithoutDmdSec",
                        "CSIP17",
                        edit(ROOT, "<dmdSec[\\s\\S]*</dmdSec>\\n", "", " DMDID=\"dmd-ead\"", "")),
                error(
                        "dmdSecWithoutId",
                        "CSIP18",
                        edit(ROOT, "<dmdSec ID=\"dmd-ead\"", "<dmdSec", " DMDID=\"dmd-ead\"", "")),
                error(
                        "dmdSecWithoutCreated",
                        "CSIP19",
                        edit(ROOT, "(<dmdSec ID=\"dmd-ead\") CREATED=\"[^\"]*\"", "$1")),
                warning("dmdSecWithoutStatus", "CSIP20", edit(ROOT, "(<dmdSec [^>]*) STATUS=\"CURRENT\"", "$1")),
                warning(
                        "dmdSecWithoutMdRef",
                        "CSIP21",
                        edit(ROOT, "<mdRef [^>]*/>", "<mdWrap MDTYPE=\"OTHER\"><xmlData/></mdWrap>")),
                error(
                        "mdRefLocTypeNotUrl",
                        "CSIP22",
                        edit(ROOT, "<mdRef LOCTYPE=\"URL\"", "<mdRef LOCTYPE=\"HANDLE\"")),
                error("mdRefWithoutXlinkType", "CSIP23", edit(ROOT, MDREF + " xlink:type=\"simple\"", "$1")),
                error(
                        "mdRefToMissingFile",
                        "CSIP24",
                        edit(ROOT, "metadata/descriptive/EAD.xml", "metadata/descriptive/EAD2.xml")),
                error("mdRefWithoutMdType", "CSIP25", edit(ROOT, MDREF + " MDTYPE=\"[^\"]*\"", "$1")),
                error("mdRefWithoutMimeType", "CSIP26", edit(ROOT, MDREF + " MIMETYPE=\"[^\"]*\"", "$1")),
                error("mdRefWithoutSize", "CSIP27", edit(ROOT, MDREF + " SIZE=\"[^\"]*\"", "$1")),
                error("mdRefWithoutCreated", "CSIP28", edit(ROOT, MDREF + " CREATED=\"[^\"]*\"", "$1")),
                error("mdRefWithoutChecksum", "CSIP29", edit(ROOT, MDREF + " CHECKSUM=\"[^\"]*\"", "$1")),
                error(
                        "mdRefChecksumNotSha256Shaped",
                        "CSIP29",
                        edit(ROOT, MDREF + " CHECKSUM=\"[^\"]*\"", "$1 CHECKSUM=\"abc123\"")),
                error("mdRefWithoutChecksumType", "CSIP30", edit(ROOT, MDREF + " CHECKSUMTYPE=\"[^\"]*\"", "$1")),
                // CSIP31-CSIP44: amdSec and digiprovMD
                warning(
                        "twoAmdSecs",
                        "CSIP31",
                        with(
                                Tt05SipBuilder::withPremis,
                                edit(
                                        ROOT,
                                        "  <fileSec",
                                        "  <amdSec ID=\"amd-2\"><techMD ID=\"tech-1\"><mdWrap MDTYPE=\"OTHER\"><xmlData/></mdWrap></techMD></amdSec>\n  <fileSec"))),
                warning(
                        "preservationMetadataWithoutDigiprovMD",
                        "CSIP32",
                        with(
                                Tt05SipBuilder::withPremis,
                                edit(ROOT, "<amdSec[\\s\\S]*</amdSec>\\n", "", " ADMID=\"amd-1\"", ""))),
                error(
                        "digiprovMDWithoutId",
                        "CSIP33",
                        with(
                                Tt05SipBuilder::withPremis,
                                edit(ROOT, "<digiprovMD ID=\"digiprov-premis\"", "<digiprovMD"))),
                warning(
                        "digiprovMDWithoutStatus",
                        "CSIP34",
                        with(Tt05SipBuilder::withPremis, edit(ROOT, "(<digiprovMD [^>]*) STATUS=\"CURRENT\"", "$1"))),
                warning(
                        "digiprovMDWithoutMdRef",
                        "CSIP35",
                        with(
                                Tt05SipBuilder::withPremis,
                                edit(
                                        ROOT,
                                        "(<digiprovMD [^>]*>\\s*)<mdRef [^>]*/>",
                                        "$1<mdWrap MDTYPE=\"PREMIS\"><xmlData/></mdWrap>"))),
                error(
                        "digiprovMdRefLocTypeNotUrl",
                        "CSIP36",
                        with(
                                Tt05SipBuilder::withPremis,
                                edit(ROOT, "(<digiprovMD [^>]*>\\s*<mdRef) LOCTYPE=\"URL\"", "$1 LOCTYPE=\"HANDLE\""))),
                error(
                        "digiprovMdRefWithoutSize",
                        "CSIP41",
                        with(
                                Tt05SipBuilder::withPremis,
                                edit(ROOT, "(<digiprovMD [^>]*>\\s*<mdRef [^>]*?) SIZE=\"[^\"]*\"", "$1"))),
                error(
                        "digiprovMdRefWithoutChecksumType",
                        "CSIP44",
                        with(
                                Tt05SipBuilder::withPremis,
                                edit(ROOT, "(<digiprovMD [^>]*>\\s*<mdRef [^>]*?) CHECKSUMTYPE=\"[^\"]*\"", "$1"))),
                error(
                        "rightsMdRefWithoutChecksum",
                        "CSIP56",
                        with(
                                Tt05SipBuilder::withPremis,
                                edit(
                                        ROOT,
                                        "    </digiprovMD>\\n",
                                        "    </digiprovMD>\n    <rightsMD ID=\"rights-1\" STATUS=\"CURRENT\"><mdRef LOCTYPE=\"URL\" xlink:type=\"simple\" xlink:href=\"metadata/descriptive/EAD.xml\" MDTYPE=\"OTHER\" MIMETYPE=\"text/xml\" SIZE=\"1\" CREATED=\"2025-07-15T09:00:00+07:00\" CHECKSUMTYPE=\"SHA-256\"/></rightsMD>\n"))),
                // CSIP58-CSIP79, CSIP113, CSIP114: fileSec
                warning(
                        "noFileSec",
                        "CSIP58",
                        edit(
                                REP,
                                "<fileSec[\\s\\S]*</fileSec>\\n",
                                "",
                                "<div ID=\"div-rep1-data\" LABEL=\"Data\">[\\s\\S]*?</div>\\n",
                                "")),
                error("fileSecWithoutId", "CSIP59", edit(ROOT, "<fileSec ID=\"filesec-root\"", "<fileSec")),
                error(
                        "documentationWithoutDocumentationGroup",
                        "CSIP60",
                        with(
                                b -> b.extraFile("documentation/huong-dan.txt", TEXT),
                                edit(ROOT, "USE=\"Documentation\"", "USE=\"Other\""))),
                error(
                        "schemasWithoutSchemasGroup",
                        "CSIP113",
                        with(b -> b.extraFile("schemas/simpledc.xsd", TEXT), asBuilt())),
                error(
                        "representationWithoutRepresentationsGroup",
                        "CSIP114",
                        edit(ROOT, "USE=\"Representations/rep1\"", "USE=\"Content\"")),
                warning(
                        "representationGroupWithoutContentInformationType",
                        "CSIP62",
                        edit(ROOT, "(<fileGrp [^>]*) csip:CONTENTINFORMATIONTYPE=\"OTHER\"", "$1")),
                error("fileGrpWithoutUse", "CSIP64", edit(REP, " USE=\"Data\"", "")),
                error("fileGrpWithoutId", "CSIP65", edit(REP, "<fileGrp ID=\"filegrp-rep1-data\"", "<fileGrp")),
                error(
                        "emptyFileGrp",
                        "CSIP66",
                        edit(
                                ROOT,
                                "  </fileSec>",
                                "    <fileGrp ID=\"filegrp-empty\" USE=\"Documentation\"/>\n  </fileSec>")),
                error(
                        "fileNoMetsDescribes",
                        "CSIP66",
                        with(b -> b.unreferencedFile("representations/rep1/data/ghi-chu.txt", TEXT), asBuilt())),
                error(
                        "fileWithoutId",
                        "CSIP67",
                        edit(
                                REP,
                                "<file ID=\"file-rep1-0000001\"",
                                "<file",
                                "<fptr FILEID=\"file-rep1-0000001\"/>\\n",
                                "")),
                error("fileWithoutMimeType", "CSIP68", edit(REP, FILE + " MIMETYPE=\"[^\"]*\"", "$1")),
                error("fileWithoutSize", "CSIP69", edit(REP, FILE + " SIZE=\"[^\"]*\"", "$1")),
                error("fileWithoutCreated", "CSIP70", edit(REP, FILE + " CREATED=\"[^\"]*\"", "$1")),
                error("fileWithoutChecksum", "CSIP71", edit(REP, FILE + " CHECKSUM=\"[^\"]*\"", "$1")),
                error("fileWithoutChecksumType", "CSIP72", edit(REP, FILE + " CHECKSUMTYPE=\"[^\"]*\"", "$1")),
                error("fileWithoutFLocat", "CSIP76", edit(ROOT, "<FLocat [^>]*/>", "")),
                error(
                        "fLocatLocTypeNotUrl",
                        "CSIP77",
                        edit(REP, "<FLocat LOCTYPE=\"URL\"", "<FLocat LOCTYPE=\"HANDLE\"")),
                error(
                        "fLocatWithoutXlinkType",
                        "CSIP78",
                        edit(REP, "(<FLocat LOCTYPE=\"URL\") xlink:type=\"simple\"", "$1")),
                error("fLocatToMissingFile", "CSIP79", edit(REP, "xlink:href=\"data/", "xlink:href=\"data/missing-")),
                error("fLocatOutsideThePackage", "CSIP79", edit(REP, "xlink:href=\"data/", "xlink:href=\"../../../")),
                // CSIP80-CSIP119: structMap
                error(
                        "noStructMapLabelledCsip",
                        "CSIP80",
                        edit(ROOT, "TYPE=\"PHYSICAL\" LABEL=\"CSIP\"", "TYPE=\"PHYSICAL\" LABEL=\"CSIP StructMap\"")),
                error(
                        "csipStructMapNotPhysical",
                        "CSIP81",
                        edit(ROOT, "TYPE=\"PHYSICAL\" LABEL=\"CSIP\"", "TYPE=\"LOGICAL\" LABEL=\"CSIP\"")),
                error(
                        "physicalStructMapLabelledOtherwise",
                        "CSIP82",
                        edit(ROOT, "TYPE=\"PHYSICAL\" LABEL=\"CSIP\"", "TYPE=\"PHYSICAL\" LABEL=\"Cấu trúc\"")),
                error("structMapWithoutId", "CSIP83", edit(ROOT, "<structMap ID=\"structmap-csip\"", "<structMap")),
                error(
                        "structMapWithTwoDivisions",
                        "CSIP84",
                        edit(ROOT, "  </structMap>", "    <div ID=\"div-extra\"/>\n  </structMap>")),
                error("structMapDivisionWithoutId", "CSIP85", edit(ROOT, "<div ID=\"div-root\"", "<div")),
                error("noMetadataDivision", "CSIP88", edit(ROOT, "\\s*<div ID=\"div-metadata\"[^>]*/>", "")),
                error("metadataDivisionWithoutId", "CSIP89", edit(ROOT, "<div ID=\"div-metadata\"", "<div")),
                warning(
                        "metadataDivisionMissesAmdSec",
                        "CSIP91",
                        with(Tt05SipBuilder::withPremis, edit(ROOT, " ADMID=\"amd-1\"", ""))),
                warning("metadataDivisionMissesDmdSec", "CSIP92", edit(ROOT, " DMDID=\"dmd-ead\"", "")),
                warning(
                        "noDocumentationDivision",
                        "CSIP93",
                        with(
                                b -> b.extraFile("documentation/huong-dan.txt", TEXT),
                                edit(ROOT, "\\s*<div ID=\"div-documentation\"[\\s\\S]*?</div>", ""))),
                error(
                        "documentationDivisionWithoutId",
                        "CSIP94",
                        with(
                                b -> b.extraFile("documentation/huong-dan.txt", TEXT),
                                edit(ROOT, "<div ID=\"div-documentation\"", "<div"))),
                error(
                        "documentationDivisionPointsAtAFile",
                        "CSIP116",
                        with(
                                b -> b.extraFile("documentation/huong-dan.txt", TEXT),
                                edit(ROOT, "<fptr FILEID=\"filegrp-other\"", "<fptr FILEID=\"file-extra-1\""))),
                warning(
                        "documentationDivisionWithoutFptr",
                        "CSIP96",
                        with(
                                b -> b.extraFile("documentation/huong-dan.txt", TEXT),
                                edit(ROOT, "<fptr FILEID=\"filegrp-other\"/>", ""))),
                warning(
                        "noSchemasDivision",
                        "CSIP97",
                        with(
                                b -> b.extraFile("schemas/simpledc.xsd", TEXT),
                                edit(
                                        ROOT,
                                        "USE=\"Documentation\"",
                                        "USE=\"Schemas\"",
                                        "\\s*<div ID=\"div-documentation\"[\\s\\S]*?</div>",
                                        ""))),
                error(
                        "schemasDivisionWithoutId",
                        "CSIP98",
                        with(
                                b -> b.extraFile("schemas/simpledc.xsd", TEXT),
                                edit(
                                        ROOT,
                                        "USE=\"Documentation\"",
                                        "USE=\"Schemas\"",
                                        "<div ID=\"div-documentation\" LABEL=\"Documentation\"",
                                        "<div LABEL=\"Schemas\""))),
                error(
                        "schemasDivisionPointsAtAFile",
                        "CSIP118",
                        with(
                                b -> b.extraFile("schemas/simpledc.xsd", TEXT),
                                edit(
                                        ROOT,
                                        "USE=\"Documentation\"",
                                        "USE=\"Schemas\"",
                                        "LABEL=\"Documentation\"",
                                        "LABEL=\"Schemas\"",
                                        "FILEID=\"filegrp-other\"",
                                        "FILEID=\"file-extra-1\""))),
                warning(
                        "schemasDivisionWithoutFptr",
                        "CSIP100",
                        with(
                                b -> b.extraFile("schemas/simpledc.xsd", TEXT),
                                edit(
                                        ROOT,
                                        "USE=\"Documentation\"",
                                        "USE=\"Schemas\"",
                                        "LABEL=\"Documentation\"",
                                        "LABEL=\"Schemas\"",
                                        "<fptr FILEID=\"filegrp-other\"/>",
                                        ""))),
                warning(
                        "representationMetsWithoutDivision",
                        "CSIP105",
                        edit(ROOT, "\\s*<div ID=\"div-rep1\"[\\s\\S]*?</div>", "")),
                error("representationDivisionWithoutId", "CSIP106", edit(ROOT, "<div ID=\"div-rep1\"", "<div")),
                error(
                        "representationDivisionLabelNotItsPath",
                        "CSIP107",
                        edit(ROOT, "LABEL=\"Representations/rep1\"", "LABEL=\"rep1\"")),
                error(
                        "mptrTitleNotItsFileGrp",
                        "CSIP108",
                        edit(ROOT, "xlink:title=\"filegrp-rep1\"", "xlink:title=\"rep1\"")),
                error("representationDivisionWithoutMptr", "CSIP109", edit(ROOT, "<mptr [^>]*/>", "")),
                error(
                        "mptrToMissingMets",
                        "CSIP110",
                        edit(
                                ROOT,
                                "(<mptr [^>]*)xlink:href=\"representations/rep1/METS.xml\"",
                                "$1xlink:href=\"representations/rep2/METS.xml\"")),
                error(
                        "mptrWithoutXlinkType",
                        "CSIP111",
                        edit(ROOT, "(<mptr LOCTYPE=\"URL\") xlink:type=\"simple\"", "$1")),
                error("mptrLocTypeNotUrl", "CSIP112", edit(ROOT, "<mptr LOCTYPE=\"URL\"", "<mptr LOCTYPE=\"HANDLE\"")),
                // SIP 2.2
                error(
                        "sipProfileNotAnEarkSipProfile",
                        "SIP2",
                        edit(ROOT, "PROFILE=\"[^\"]*\"", "PROFILE=\"https://earksip.dilcis.eu/profile/sip\"")),
                error(
                        "sipDeclaringPackageTypeAip",
                        "SIP4",
                        edit(ROOT, "OAISPACKAGETYPE=\"SIP\"", "OAISPACKAGETYPE=\"AIP\"")),
                error(
                        "archivalCreatorNotAPersonOrBody",
                        "SIP11",
                        edit(
                                ROOT,
                                "  </metsHdr>",
                                "    <agent ROLE=\"ARCHIVIST\" TYPE=\"OTHER\"><name>Sở</name></agent>\n  </metsHdr>")),
                error(
                        "archivalCreatorWithoutName",
                        "SIP12",
                        edit(
                                ROOT,
                                "  </metsHdr>",
                                "    <agent ROLE=\"ARCHIVIST\" TYPE=\"ORGANIZATION\"><name/></agent>\n  </metsHdr>")),
                error(
                        "archivalCreatorNoteUntyped",
                        "SIP14",
                        edit(
                                ROOT,
                                "  </metsHdr>",
                                "    <agent ROLE=\"ARCHIVIST\" TYPE=\"ORGANIZATION\"><name>Sở</name><note>H30</note></agent>\n  </metsHdr>")),
                error(
                        "noSubmittingAgent",
                        "SIP15",
                        edit(ROOT, "\\s*<agent ROLE=\"CREATOR\" TYPE=\"ORGANIZATION\">[\\s\\S]*?</agent>", "")),
                error(
                        "submittingAgentNotAPersonOrBody",
                        "SIP17",
                        edit(
                                ROOT,
                                "ROLE=\"CREATOR\" TYPE=\"ORGANIZATION\"",
                                "ROLE=\"CREATOR\" TYPE=\"OTHER\" OTHERTYPE=\"AGENCY\"")),
                error(
                        "submittingAgentWithoutName",
                        "SIP18",
                        edit(ROOT, "(TYPE=\"ORGANIZATION\">\\s*)<name>[^<]*</name>", "$1<name/>")),
                error("submittingAgentNoteUntyped", "SIP20", edit(ROOT, " csip:NOTETYPE=\"IDENTIFICATIONCODE\"", "")),
                error(
                        "preservationAgentNotABody",
                        "SIP28",
                        edit(
                                ROOT,
                                "  </metsHdr>",
                                "    <agent ROLE=\"PRESERVATION\" TYPE=\"INDIVIDUAL\"><name>Lưu trữ</name></agent>\n  </metsHdr>")),
                error(
                        "preservationAgentWithoutName",
                        "SIP29",
                        edit(
                                ROOT,
                                "  </metsHdr>",
                                "    <agent ROLE=\"PRESERVATION\" TYPE=\"ORGANIZATION\"><name/></agent>\n  </metsHdr>")),
                error(
                        "preservationAgentNoteUntyped",
                        "SIP31",
                        edit(
                                ROOT,
                                "  </metsHdr>",
                                "    <agent ROLE=\"PRESERVATION\" TYPE=\"ORGANIZATION\"><name>Lưu trữ</name><note>LT</note></agent>\n  </metsHdr>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheRequirementThePackageBreaks(Case c) {
        List<Finding> findings = CsipValidator.validate(c.make().apply(sip(), tmp));

        assertThat(findings)
                .as("%s should be reported as %s %s", c.name(), c.severity(), c.requirement())
                .anySatisfy(f -> {
                    assertThat(f.requirement()).isEqualTo(c.requirement());
                    assertThat(f.severity()).isEqualTo(c.severity());
                });
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.requirement()).isNotNull();
            assertThat(f.code()).startsWith("CSIP_");
        });
    }
}
