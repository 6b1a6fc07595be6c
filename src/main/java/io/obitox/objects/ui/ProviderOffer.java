package io.obitox.objects.ui;

import io.obitox.common.Messages;
import io.obitox.objects.Encryption;
import io.obitox.objects.ProviderCapabilities;
import io.obitox.storage.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the form offers for a provider, from {@link ProviderCapabilities}.
 *
 * @param storageClasses "" (the bucket's default) first, then the provider's classes, STANDARD first
 * @param anyStorageClass the provider names no list (Ceph, generic): any name may be typed
 * @param note why the provider lacks ACLs or tags; empty when it has both
 */
record ProviderOffer(
        List<String> storageClasses,
        boolean anyStorageClass,
        List<Encryption.Mode> encryptionModes,
        boolean acl,
        boolean tags,
        String note) {

    /** @param withSseC false for stored defaults: SSE-C's key is never stored */
    static ProviderOffer of(Provider p, boolean withSseC) {
        ProviderCapabilities caps = ProviderCapabilities.of(p);
        List<String> classes = new ArrayList<>();
        classes.add("");
        if (caps.storageClasses().isEmpty()) {
            // any name goes (the server decides); S3's own names as suggestions
            classes.addAll(sorted(ProviderCapabilities.AWS_CLASSES));
        } else {
            classes.addAll(sorted(caps.storageClasses()));
        }
        List<Encryption.Mode> modes = new ArrayList<>();
        modes.add(Encryption.Mode.NONE);
        if (caps.sseS3()) {
            modes.add(Encryption.Mode.AES256);
        }
        if (caps.sseKms()) {
            modes.add(Encryption.Mode.KMS);
        }
        if (caps.sseC() && withSseC) {
            modes.add(Encryption.Mode.SSE_C);
        }
        return new ProviderOffer(
                classes,
                caps.storageClasses().isEmpty(),
                modes,
                caps.acl(),
                caps.tags(),
                caps.acl() && caps.tags() ? "" : caps.note());
    }

    /** Says what loaded settings had that the provider lacks. */
    static String leftOut(Provider p, List<String> dropped, Messages messages) {
        return messages.get("objectSettings.leftOut", p.displayName(), String.join(", ", dropped));
    }

    private static List<String> sorted(Set<String> classes) {
        List<String> out = new ArrayList<>(classes);
        out.sort((a, b) -> a.equals("STANDARD") ? -1 : b.equals("STANDARD") ? 1 : a.compareTo(b));
        return out;
    }
}
