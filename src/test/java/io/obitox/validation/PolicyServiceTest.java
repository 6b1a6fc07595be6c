package io.obitox.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.profile.ProfileDraft;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyServiceTest {
    TestApp app;
    PolicyService policies;

    @BeforeEach
    void open() {
        app = TestApp.create("policies");
        policies = app.context().validationPolicies();
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static ValidationPolicy photos() {
        return new ValidationPolicy(
                "Team Photos",
                25L << 20,
                1,
                List.of("image/jpeg", "image/png"),
                List.of("jpg", "png"),
                true,
                true,
                false,
                true);
    }

    private StorageProfile profile(String name) {
        return app.context()
                .profiles()
                .add(new ProfileDraft(
                        name,
                        Provider.GENERIC,
                        "http://127.0.0.1:9",
                        null,
                        true,
                        null,
                        ProfileDraft.CredentialMode.DEFAULT_CHAIN,
                        null,
                        null,
                        null,
                        null));
    }

    @Test
    void presetsComeFirstAndTheDefaultBlocksOnlyPrograms() {
        assertThat(policies.list())
                .extracting(ValidationPolicy::name)
                .startsWith("Anything but executables", "Images", "Documents", "Media");
        ValidationPolicy d = policies.defaultPolicy();
        assertThat(d.blockExecutables()).isTrue();
        assertThat(d.minSize()).isZero();
        assertThat(d.maxSize()).isNull();
        assertThat(d.allowedTypes()).isEmpty();
        assertThat(policies.find("anything-but-executables")).contains(d);
        assertThat(policies.find("IMAGES")).contains(ValidationPolicy.IMAGES);
    }

    @Test
    void savesCustomPoliciesAsJsonAndReadsThemBack() {
        policies.save(photos());
        assertThat(policies.find("team-photos")).contains(photos());
        assertThat(policies.list()).extracting(ValidationPolicy::name).endsWith("Team Photos");

        ValidationPolicy changed =
                new ValidationPolicy("team photos", null, 0, List.of("image/*"), List.of(), true, true, true, false);
        policies.save(changed);
        assertThat(policies.list()).filteredOn(p -> !p.isPreset()).containsExactly(changed);

        assertThat(policies.delete("Team Photos")).isTrue();
        assertThat(policies.find("Team Photos")).isEmpty();
        assertThat(policies.delete("Team Photos")).isFalse();
    }

    @Test
    void presetsCannotBeOverwrittenOrDeleted() {
        assertThatThrownBy(() -> policies.save(photos().withName("images")))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo("POLICY_READ_ONLY"));
        assertThatThrownBy(() -> policies.delete("Media"))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo("POLICY_READ_ONLY"));
    }

    @Test
    void refusesPoliciesThatBreakTheRules() {
        ValidationPolicy bad =
                new ValidationPolicy("Bad", 10L, 20, List.of("not a type"), List.of("!!"), true, true, false, false);
        assertThatThrownBy(() -> policies.save(bad)).isInstanceOfSatisfying(ObitoxException.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_POLICY");
            assertThat(e.getMessage())
                    .contains("smaller than the minimum")
                    .contains("not a type")
                    .contains("!!");
        });
    }

    @Test
    void thePolicyOfABucketFallsBackToItsProfileThenToTheDefault() {
        StorageProfile ceph = profile("Ceph");
        policies.save(photos());
        assertThat(policies.policyFor(ceph.id(), "photos")).isEqualTo(policies.defaultPolicy());

        policies.assign(ceph.id(), null, "Documents");
        policies.assign(ceph.id(), "photos", "team-photos");
        assertThat(policies.policyFor(ceph.id(), "photos")).isEqualTo(photos());
        assertThat(policies.policyFor(ceph.id(), "reports")).isEqualTo(ValidationPolicy.DOCUMENTS);
        assertThat(policies.policyFor(null, "photos")).isEqualTo(policies.defaultPolicy());
        assertThat(policies.assignments())
                .containsExactlyInAnyOrder(
                        new PolicyAssignment(ceph.id(), null, "Documents"),
                        new PolicyAssignment(ceph.id(), "photos", "Team Photos"));

        policies.delete("Team Photos"); // its buckets fall back to the profile's policy
        assertThat(policies.policyFor(ceph.id(), "photos")).isEqualTo(ValidationPolicy.DOCUMENTS);
        assertThat(policies.unassign(ceph.id(), null)).isTrue();
        assertThat(policies.policyFor(ceph.id(), "photos")).isEqualTo(policies.defaultPolicy());
    }

    @Test
    void removingAProfileRemovesItsAssignments() {
        StorageProfile minio = profile("MinIO box");
        policies.assign(minio.id(), "b", "Images");
        app.context().profiles().remove(minio.id());
        assertThat(policies.assignments()).isEmpty();
    }

    @Test
    void assigningAnUnknownPolicyIsAnError() {
        StorageProfile p = profile("Other");
        assertThatThrownBy(() -> policies.assign(p.id(), "b", "nope"))
                .isInstanceOfSatisfying(ObitoxException.class, e -> {
                    assertThat(e.code()).isEqualTo("POLICY_NOT_FOUND");
                    assertThat(e.fix()).contains("Images");
                });
    }

    @Test
    void resolvesNamesAndPolicyFiles() throws Exception {
        Path file = app.dir().resolve("strict.json");
        Files.writeString(
                file,
                "{\"maxSize\": \"2M\", \"allowedTypes\": [\"application/pdf\"], \"allowedExtensions\": \".PDF\"}");
        ValidationPolicy fromFile = policies.resolve(file.toString());
        assertThat(fromFile.name()).isEqualTo("strict");
        assertThat(fromFile.maxSize()).isEqualTo(2L << 20);
        assertThat(fromFile.allowedExtensions()).containsExactly("pdf");
        assertThat(fromFile.blockExecutables()).isTrue();
        assertThat(fromFile.sanitizeNames()).isTrue();
        assertThat(fromFile.rejectTypeMismatch()).isFalse();
        assertThat(policies.resolve("media")).isEqualTo(ValidationPolicy.MEDIA);
        assertThatThrownBy(() -> policies.resolve("no-such-policy"))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo("POLICY_NOT_FOUND"));
    }

    @Test
    void policyFilesWithTyposOrBadValuesAreRejectedWithTheReason() throws Exception {
        Path typo = app.dir().resolve("typo.json");
        Files.writeString(typo, "{\"maxsize\": 10}");
        assertThatThrownBy(() -> policies.resolve(typo.toString())).isInstanceOfSatisfying(ObitoxException.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_POLICY");
            assertThat(e.getMessage()).contains("'maxsize' is not a policy setting");
        });
        Path notJson = app.dir().resolve("broken.json");
        Files.writeString(notJson, "{maxSize: ");
        assertThatThrownBy(() -> policies.resolve(notJson.toString())).hasMessageContaining("not valid JSON");
        Path badSize = app.dir().resolve("size.json");
        Files.writeString(badSize, "{\"maxSize\": \"lots\"}");
        assertThatThrownBy(() -> policies.resolve(badSize.toString())).hasMessageContaining("Not a size");
        assertThatThrownBy(
                        () -> policies.resolve(app.dir().resolve("missing.json").toString()))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo("POLICY_NOT_FOUND"));
    }

    @Test
    void jsonRoundTripsEverySetting() {
        for (ValidationPolicy p :
                List.of(photos(), ValidationPolicy.IMAGES, ValidationPolicy.ANYTHING_BUT_EXECUTABLES)) {
            assertThat(PolicyJson.read(PolicyJson.write(p), "x", "test")).isEqualTo(p);
        }
    }

    /** The Upload view shows the presets' names in the user's language; stored and typed names stay English. */
    @Test
    void presetsHaveTranslatedDisplayNamesWhileTheirStoredNameStays() {
        Messages german = Messages.of(Locale.GERMAN);
        ValidationPolicy preset = policies.list().get(0);
        assertThat(preset.name()).isEqualTo("Anything but executables");
        assertThat(Messages.english().render(preset.nameText())).isEqualTo("Anything but executables");
        assertThat(german.render(preset.nameText())).isEqualTo("Ohne Programme");
        assertThat(ValidationPolicy.PRESETS)
                .extracting(p -> german.render(p.nameText()))
                .containsExactly("Ohne Programme", "Bilder", "Dokumente", "Medien");
        // the German name picks nothing: the command line and the settings know the policy by its stored name
        assertThat(policies.find("Bilder")).isEmpty();
        assertThat(policies.find("images")).contains(ValidationPolicy.IMAGES);
        // a policy the user named has no translation: every language shows its name
        assertThat(photos().nameText()).isNull();
        assertThat(german.render(photos().nameText(), photos().name())).isEqualTo("Team Photos");
    }
}
