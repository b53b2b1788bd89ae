package vn.kho.ingest.csip;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The E-ARK SIP 2.2 requirements on the package METS, applied when its profile is an E-ARK SIP profile: the profile
 * (SIP2), the package type (SIP4), and the agents of the METS header: archival creator (SIP9-SIP14), submitting agent
 * (SIP15-SIP20), contact person (SIP21-SIP25) and preservation agent (SIP26-SIP31).
 */
final class SipRules {
    private static final Set<String> PERSON_OR_BODY = Set.of("ORGANIZATION", "INDIVIDUAL");

    private SipRules() {}

    static void check(MetsFile file, CsipReport report) {
        String p = file.path();
        String profile = Dom.attr(file.mets(), "PROFILE");
        if (!profile.isEmpty() && !profile.equals(CsipDeclaration.SIP_22_PROFILE)) {
            String msg = p + ": mets/@PROFILE is '" + profile + "'; an E-ARK SIP 2.2 package names "
                    + CsipDeclaration.SIP_22_PROFILE;
            if (CsipDeclaration.isSipProfile(profile)
                    && profile.toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
                // Another version of the SIP profile: the package may be right for the version it names.
                report.should("SIP2", "CSIP_SIP_PROFILE_OTHER_VERSION", msg, p);
            } else {
                report.must("SIP2", "CSIP_SIP_PROFILE_INVALID", msg, p);
            }
        }
        Optional<Element> header = Dom.child(file.mets(), "metsHdr");
        if (header.isEmpty()) {
            return;
        }
        String packageType = Dom.csip(header.get(), "OAISPACKAGETYPE");
        if (!packageType.isEmpty() && !packageType.equals("SIP")) {
            report.must(
                    "SIP4",
                    "CSIP_SIP_PACKAGETYPE_INVALID",
                    p + ": metsHdr/@csip:OAISPACKAGETYPE is '" + packageType + "'; a SIP declares 'SIP'",
                    p);
        }
        List<Element> agents = Dom.children(header.get(), "agent");
        boolean submitter = false;
        for (Element agent : agents) {
            if (MetsRootRules.isSoftwareAgent(agent)) {
                continue;
            }
            String role = Dom.attr(agent, "ROLE");
            String type = Dom.attr(agent, "TYPE");
            String where =
                    p + ": metsHdr/agent with ROLE '" + role + "'" + (type.isEmpty() ? "" : " TYPE '" + type + "'");
            switch (role) {
                case "CREATOR" -> {
                    if (!PERSON_OR_BODY.contains(type)) {
                        report.must(
                                "SIP17",
                                "CSIP_SIP_SUBMITTER_TYPE_INVALID",
                                where + ": a submitting agent's TYPE is ORGANIZATION or INDIVIDUAL",
                                p);
                        continue;
                    }
                    submitter = true;
                    name(agent, "SIP18", "CSIP_SIP_SUBMITTER_NAME_MISSING", where, p, report);
                    if (type.equals("ORGANIZATION")) {
                        identificationNotes(agent, "SIP20", "CSIP_SIP_SUBMITTER_NOTETYPE_INVALID", where, p, report);
                    }
                }
                case "ARCHIVIST" -> {
                    if (!PERSON_OR_BODY.contains(type)) {
                        report.must(
                                "SIP11",
                                "CSIP_SIP_ARCHIVAL_CREATOR_TYPE_INVALID",
                                where + ": an archival creator's TYPE is ORGANIZATION or INDIVIDUAL",
                                p);
                    }
                    name(agent, "SIP12", "CSIP_SIP_ARCHIVAL_CREATOR_NAME_MISSING", where, p, report);
                    identificationNotes(agent, "SIP14", "CSIP_SIP_ARCHIVAL_CREATOR_NOTETYPE_INVALID", where, p, report);
                }
                case "PRESERVATION" -> {
                    if (!type.equals("ORGANIZATION")) {
                        report.must(
                                "SIP28",
                                "CSIP_SIP_PRESERVATION_AGENT_TYPE_INVALID",
                                where + ": a preservation agent's TYPE is ORGANIZATION",
                                p);
                    }
                    name(agent, "SIP29", "CSIP_SIP_PRESERVATION_AGENT_NAME_MISSING", where, p, report);
                    identificationNotes(
                            agent, "SIP31", "CSIP_SIP_PRESERVATION_AGENT_NOTETYPE_INVALID", where, p, report);
                }
                default -> {
                    // Other roles are open to local use.
                }
            }
        }
        if (!submitter) {
            report.must(
                    "SIP15",
                    "CSIP_SIP_SUBMITTER_MISSING",
                    p + ": metsHdr has no submitting agent (ROLE 'CREATOR', TYPE 'ORGANIZATION' or 'INDIVIDUAL')",
                    p);
        }
    }

    /** SIP12, SIP18, SIP29: the name was optional before SIP 2.2. */
    private static void name(Element agent, String req, String code, String where, String p, CsipReport report) {
        Optional<Element> name = Dom.child(agent, "name");
        if (name.isEmpty() || Dom.text(name.get()).isEmpty()) {
            report.mustSince22(req, code, where + " has no name", p);
        }
    }

    private static void identificationNotes(
            Element agent, String req, String code, String where, String p, CsipReport report) {
        for (Element note : Dom.children(agent, "note")) {
            if (!Dom.csip(note, "NOTETYPE").equals("IDENTIFICATIONCODE")) {
                report.must(req, code, where + ": its note must have csip:NOTETYPE='IDENTIFICATIONCODE'", p);
            }
        }
    }
}
