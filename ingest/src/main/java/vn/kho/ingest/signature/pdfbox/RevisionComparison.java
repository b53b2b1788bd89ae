package vn.kho.ingest.signature.pdfbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What differs between a signed revision and the current document in what a reader sees, as messages ("page 1
 * content changed"). Differences that later signatures make are not listed: new signature fields, signing a signature
 * field that was empty, new signature widgets.
 */
final class RevisionComparison {
    private final DocumentView signed;
    private final DocumentView current;
    private final List<String> changes = new ArrayList<>();

    private RevisionComparison(DocumentView signed, DocumentView current) {
        this.signed = signed;
        this.current = current;
    }

    static List<String> changes(DocumentView signed, DocumentView current) throws IOException {
        RevisionComparison comparison = new RevisionComparison(signed, current);
        comparison.comparePages();
        comparison.compareFormFields();
        comparison.compareCatalog();
        return List.copyOf(comparison.changes);
    }

    private void comparePages() throws IOException {
        int before = signed.pageCount();
        int after = current.pageCount();
        if (before != after) {
            changes.add("page count changed from " + before + " to " + after);
        }
        for (int i = 0; i < Math.min(before, after); i++) {
            PageView a = signed.page(i);
            PageView b = current.page(i);
            String page = "page " + (i + 1);
            for (String part : new TreeSet<>(union(a.parts(), b.parts()))) {
                String was = a.parts().get(part);
                String is = b.parts().get(part);
                if (was == null) {
                    changes.add(page + " " + part + " added");
                } else if (is == null) {
                    changes.add(page + " " + part + " removed");
                } else if (!was.equals(is)) {
                    changes.add(page + " " + part + " changed");
                }
            }
            compareAnnotations(page, a.annotations(), b.annotations());
        }
    }

    /**
     * Every annotation of the signed page must be on the current page looking the same, except empty signature
     * widgets (signing fills them); new annotations may only be signature widgets.
     */
    private void compareAnnotations(String page, List<AnnotationView> before, List<AnnotationView> after) {
        List<AnnotationView> missing = new ArrayList<>();
        List<AnnotationView> added = new ArrayList<>(after);
        for (AnnotationView annotation : before) {
            if (annotation.kind() != AnnotationView.Kind.EMPTY_SIGNATURE_WIDGET
                    && !removeFirst(added, a -> a.identity().equals(annotation.identity()))) {
                missing.add(annotation);
            }
        }
        added.removeIf(a -> before.stream().anyMatch(b -> b.identity().equals(a.identity())));
        for (AnnotationView annotation : missing) {
            boolean changed = removeFirst(added, a -> a.description().equals(annotation.description()));
            changes.add(page + ": " + annotation.description() + (changed ? " changed" : " removed"));
        }
        for (AnnotationView annotation : added) {
            if (!annotation.kind().isSignatureWidget()) {
                changes.add(page + ": " + annotation.description() + " added");
            }
        }
    }

    private void compareFormFields() throws IOException {
        Map<String, FormFields.Field> before = signed.formFields();
        Map<String, FormFields.Field> after = current.formFields();
        before.forEach((name, field) -> {
            FormFields.Field now = after.get(name);
            if (now == null) {
                changes.add("form field '" + name + "' removed");
            } else if (!Objects.equals(field.type(), now.type())) {
                changes.add("form field '" + name + "' changed type from " + field.type() + " to " + now.type());
            } else if ((!field.isSignature() || field.hasValue())
                    && !field.valueDigest().equals(now.valueDigest())) {
                changes.add((field.isSignature() ? "signature field '" : "form field '") + name + "' value changed");
            }
        });
        after.forEach((name, field) -> {
            if (!before.containsKey(name) && !field.isSignature()) {
                changes.add("form field '" + name + "' added");
            }
        });
    }

    private void compareCatalog() throws IOException {
        Map<String, String> before = signed.catalogEntries();
        Map<String, String> after = current.catalogEntries();
        for (String key : new TreeSet<>(union(before, after))) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                changes.add("document catalog /" + key
                        + (before.get(key) == null ? " added" : after.get(key) == null ? " removed" : " changed"));
            }
        }
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static boolean removeFirst(List<AnnotationView> list, Predicate<AnnotationView> p) {
        for (int i = 0; i < list.size(); i++) {
            if (p.test(list.get(i))) {
                list.remove(i);
                return true;
            }
        }
        return false;
    }
}
