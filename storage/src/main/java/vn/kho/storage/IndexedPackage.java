package vn.kho.storage;

import java.util.Objects;
import vn.kho.repository.PackageDescription;
import vn.kho.repository.PackageState;

/** A package as the index holds it: its description (files included) and its state. */
public record IndexedPackage(PackageDescription description, PackageState state) {
    public IndexedPackage {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
    }
}
