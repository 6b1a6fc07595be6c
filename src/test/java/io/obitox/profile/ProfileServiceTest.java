package io.obitox.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.app.AppContext;
import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.common.UserMessage;
import io.obitox.db.Database;
import io.obitox.profile.ProfileDraft.CredentialMode;
import io.obitox.sandbox.EmbeddedSandbox;
import io.obitox.settings.SettingsService;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProfileServiceTest {
    private final TestApp app = TestApp.create("profiles");
    private final ProfileService profiles = app.context().profiles();

    @AfterEach
    void close() {
        app.close();
    }

    private static String secret() {
        return TestSecrets.register("profile-secret-" + UUID.randomUUID());
    }

    private static ProfileDraft keys(String name, String endpoint, String keyId, String secret) {
        return new ProfileDraft(
                name, Provider.CEPH, endpoint, null, null, null, CredentialMode.KEYS, null, keyId, secret, null);
    }

    private static ProfileDraft draft(String name, Provider provider, String endpoint, String region, String bucket) {
        return new ProfileDraft(
                name, provider, endpoint, region, null, bucket, CredentialMode.DEFAULT_CHAIN, null, null, null, null);
    }

    private void assertRejected(ProfileDraft d, String code, String messagePart) {
        assertThatThrownBy(() -> profiles.add(d)).as(d.toString()).isInstanceOfSatisfying(ObitoxException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void theSandboxProfileIsCreatedOnceAndIsTheDefault() {
        List<StorageProfile> all = profiles.list();
        assertThat(all).filteredOn(StorageProfile::isSandbox).hasSize(1);
        StorageProfile sandbox = all.get(0);
        assertThat(sandbox.name()).isEqualTo(ProfileService.SANDBOX_NAME);
        assertThat(sandbox.credentialKind()).isEqualTo(CredentialKind.SANDBOX);
        assertThat(sandbox.awsProfile()).isNull();
        assertThat(sandbox.defaultBucket()).isEqualTo(EmbeddedSandbox.DEFAULT_BUCKET);
        assertThat(profiles.defaultProfile()).contains(sandbox);

        profiles.ensureSandboxProfile();
        app.context().close();
        try (AppContext again = AppContext.open(app.home(), Clock.systemUTC(), app.awsFiles())) {
            assertThat(again.profiles().list())
                    .filteredOn(StorageProfile::isSandbox)
                    .containsExactly(sandbox);
        }
    }

    @Test
    void theSandboxProfileCannotBeEditedRemovedOrAddedAgain() {
        StorageProfile sandbox = profiles.require(ProfileService.SANDBOX_NAME);
        assertThatThrownBy(() ->
                        profiles.update(sandbox.id(), draft("Sandbox", Provider.MINIO, "http://h:9000", null, null)))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo("PROFILE_READ_ONLY"));
        assertThatThrownBy(() -> profiles.remove(sandbox.name()))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo("PROFILE_READ_ONLY"));
        assertRejected(draft("Second sandbox", Provider.SANDBOX, null, null, null), "INVALID_PROFILE", "built in");
        assertThat(profiles.list()).filteredOn(StorageProfile::isSandbox).hasSize(1);
    }

    @Test
    void aProfileNamedSandboxFromABuildWithoutTheSandboxDoesNotStopTheStart() {
        Database db = Database.open(TestPaths.newDir("profiles-clash").resolve("db"), Clock.systemUTC());
        try (db;
                StorageClients clients = new StorageClients();
                EmbeddedSandbox sandbox = new EmbeddedSandbox(TestPaths.newDir("profiles-clash-sandbox"))) {
            ProfileRepository repo = new ProfileRepository(db);
            SettingsService settings = new SettingsService(db);
            ProfileService withoutSandbox =
                    new ProfileService(repo, app.awsFiles(), settings, clients, Optional.empty(), Clock.systemUTC());
            withoutSandbox.ensureSandboxProfile();
            StorageProfile mine =
                    withoutSandbox.add(draft("Sandbox", Provider.MINIO, "http://127.0.0.1:9000", null, null));

            ProfileService withSandbox = new ProfileService(
                    repo, app.awsFiles(), settings, clients, Optional.of(sandbox), Clock.systemUTC());
            withSandbox.ensureSandboxProfile();
            withSandbox.ensureSandboxProfile();
            assertThat(withSandbox.list())
                    .filteredOn(StorageProfile::isSandbox)
                    .singleElement()
                    .satisfies(p -> assertThat(p.name()).isEqualTo("Sandbox 2"));
            assertThat(withSandbox.require("Sandbox")).isEqualTo(mine);
        }
    }

    @Test
    void twoProcessesStartingAtOnceCreateOneSandboxProfile() throws Exception {
        for (int round = 0; round < 5; round++) {
            Database db = Database.open(TestPaths.newDir("profiles-race").resolve("db"), Clock.systemUTC());
            try (db;
                    StorageClients clients = new StorageClients();
                    EmbeddedSandbox sandbox = new EmbeddedSandbox(TestPaths.newDir("profiles-race-sandbox"))) {
                List<ProfileService> starting = List.of(
                        new ProfileService(
                                new ProfileRepository(db),
                                app.awsFiles(),
                                new SettingsService(db),
                                clients,
                                Optional.of(sandbox),
                                Clock.systemUTC()),
                        new ProfileService(
                                new ProfileRepository(db),
                                app.awsFiles(),
                                new SettingsService(db),
                                clients,
                                Optional.of(sandbox),
                                Clock.systemUTC()));
                CyclicBarrier together = new CyclicBarrier(2);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    List<Future<?>> done = new ArrayList<>();
                    for (ProfileService s : starting) {
                        done.add(pool.submit(() -> {
                            together.await(10, TimeUnit.SECONDS);
                            s.ensureSandboxProfile();
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get(30, TimeUnit.SECONDS);
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(starting.get(0).list())
                        .filteredOn(StorageProfile::isSandbox)
                        .hasSize(1);
            }
        }
    }

    @Test
    void validationSaysWhatIsWrongWithTheDraft() {
        profiles.add(draft("Taken", Provider.MINIO, "http://127.0.0.1:9000", null, null));
        assertRejected(draft("  ", Provider.MINIO, "http://h", null, null), "INVALID_PROFILE", "needs a name");
        assertRejected(
                draft("x".repeat(101), Provider.MINIO, "http://h", null, null), "INVALID_PROFILE", "longer than 100");
        assertRejected(
                draft("Taken", Provider.MINIO, "http://h", null, null), "PROFILE_EXISTS", "'Taken' already exists");
        assertRejected(draft(" Taken ", Provider.MINIO, "http://h", null, null), "PROFILE_EXISTS", "already exists");
        assertRejected(draft("P", null, "http://h", null, null), "INVALID_PROFILE", "Choose a provider");
        assertRejected(
                draft("P", Provider.CEPH, null, null, null), "INVALID_PROFILE", "Ceph RGW needs an endpoint URL");
        assertRejected(draft("P", Provider.R2, "  ", null, null), "INVALID_PROFILE", "needs an endpoint URL");
        assertRejected(draft("P", Provider.MINIO, "ftp://h", null, null), "INVALID_PROFILE", "http:// or https://");
        assertRejected(draft("P", Provider.MINIO, "localhost:9000", null, null), "INVALID_PROFILE", "http://");
        assertRejected(draft("P", Provider.MINIO, "127.0.0.1:9000", null, null), "INVALID_PROFILE", "not a valid URL");
        assertRejected(draft("P", Provider.MINIO, "http://", null, null), "INVALID_PROFILE", "URL");
        assertRejected(draft("P", Provider.MINIO, "http:///bucket", null, null), "INVALID_PROFILE", "no host name");
        assertRejected(draft("P", Provider.MINIO, "http://h:9000/?x=1", null, null), "INVALID_PROFILE", "query");
        assertRejected(draft("P", Provider.MINIO, "http://bad host", null, null), "INVALID_PROFILE", "not a valid URL");
        assertRejected(draft("P", Provider.MINIO, "http://h", "US East 1", null), "INVALID_PROFILE", "not a region");
        assertRejected(draft("P", Provider.MINIO, "http://h", null, "Bad_Bucket"), "INVALID_PROFILE", "lowercase");
        assertRejected(
                new ProfileDraft("P", Provider.MINIO, "http://h", null, null, null, null, null, null, null, null),
                "INVALID_PROFILE",
                "credentials come from");
        assertRejected(keys("P", "http://h", "AKIAONLYKEY", null), "MISSING_CREDENTIALS", "Both");
        assertRejected(keys("P", "http://h", " ", secret()), "MISSING_CREDENTIALS", "Both");
        assertRejected(
                new ProfileDraft(
                        "P",
                        Provider.MINIO,
                        "http://h",
                        null,
                        null,
                        null,
                        CredentialMode.AWS_PROFILE,
                        " ",
                        null,
                        null,
                        null),
                "INVALID_PROFILE",
                "Name the AWS profile");
        assertThat(profiles.list()).extracting(StorageProfile::name).containsExactly("Sandbox", "Taken");
    }

    /** The Profiles view shows a refused draft in the user's language; the exception's English stays as it was. */
    @Test
    void aRefusedDraftSpeaksGermanInAGermanViewAndEnglishElsewhere() {
        profiles.add(draft("Taken", Provider.MINIO, "http://127.0.0.1:9000", null, null));
        Messages german = Messages.of(Locale.GERMAN);
        UserMessage taken = refusal(draft("Taken", Provider.MINIO, "http://h", null, null));
        assertThat(taken.oneLine())
                .isEqualTo("A profile named 'Taken' already exists. Pick another name, or change that profile in the"
                        + " Profiles view (on the command line, remove it first: 'obitox profile remove NAME').");
        assertThat(german.oneLine(taken))
                .isEqualTo("Ein Profil namens „Taken“ gibt es schon. Wählen Sie einen anderen Namen oder ändern Sie"
                        + " jenes Profil in der Ansicht Profile (auf der Kommandozeile erst entfernen: „obitox profile"
                        + " remove NAME“).");
        UserMessage endpoint = refusal(draft("P", Provider.GENERIC, null, null, null));
        assertThat(endpoint.oneLine())
                .isEqualTo("S3-compatible needs an endpoint URL. For example https://s3.example.com.");
        assertThat(german.oneLine(endpoint)).contains("„S3-kompatibel“", "Endpunkt-URL", "Zum Beispiel");
        UserMessage sandbox = refusalOf(() -> profiles.remove(ProfileService.SANDBOX_NAME));
        assertThat(sandbox.message()).isEqualTo("The Sandbox profile is built in and cannot be removed.");
        for (UserMessage m : List.of(
                taken,
                endpoint,
                sandbox,
                refusal(draft("P", Provider.MINIO, "ftp://h", null, null)),
                refusal(draft("P", Provider.MINIO, "http://h", "US East 1", null)),
                refusal(keys("P", "http://h", "AKIAONLYKEY", null)),
                refusal(draft(" ", Provider.MINIO, "http://h", null, null)))) {
            String de = german.oneLine(m);
            assertThat(de).as(m.code()).isNotEqualTo(m.oneLine()).doesNotContain("profile.", "{0}", "''");
        }
    }

    private UserMessage refusal(ProfileDraft d) {
        return refusalOf(() -> profiles.add(d));
    }

    private static UserMessage refusalOf(Runnable r) {
        try {
            r.run();
        } catch (ObitoxException e) {
            return e.toUserMessage();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void anEndpointWithAPasswordIsRejectedSoItNeverReachesTheDatabase() {
        String password = secret();
        assertRejected(
                draft("P", Provider.MINIO, "http://admin:" + password + "@127.0.0.1:9000", null, null),
                "INVALID_PROFILE",
                "user name or password");
    }

    @Test
    void providerDefaultsFillRegionAndAddressingAndTheEndpointIsTidied() {
        StorageProfile r2 =
                profiles.add(draft("My R2", Provider.R2, " https://acc.r2.cloudflarestorage.com/ ", null, " photos "));
        assertThat(r2.region()).isEqualTo("auto");
        assertThat(r2.pathStyle()).isFalse();
        assertThat(r2.endpoint()).isEqualTo("https://acc.r2.cloudflarestorage.com");
        assertThat(r2.defaultBucket()).isEqualTo("photos");
        StorageProfile ceph = profiles.add(draft("My Ceph", Provider.CEPH, "http://127.0.0.1:7480", "default", null));
        assertThat(ceph.region()).isEqualTo("default");
        assertThat(ceph.pathStyle()).isTrue();
        StorageProfile aws = profiles.add(draft("AWS", Provider.AWS, null, "eu-central-1", null));
        assertThat(aws.endpoint()).isNull();
        assertThat(profiles.target(aws).where()).isEqualTo("s3.eu-central-1.amazonaws.com");
    }

    @Test
    void typedKeysGoToTheAwsCredentialsFileAndNeverIntoTheDatabase() throws IOException {
        String secret = secret();
        StorageProfile p = profiles.add(keys("My Ceph", "http://127.0.0.1:7480", "AKIATYPED", secret));
        assertThat(p.credentialKind()).isEqualTo(CredentialKind.AWS_PROFILE);
        assertThat(p.managedKeys()).isTrue();
        assertThat(p.awsProfile()).isEqualTo("obitox-my-ceph");
        assertThat(Files.readString(app.awsFiles().credentialsFile()))
                .contains("[obitox-my-ceph]\naws_access_key_id = AKIATYPED\naws_secret_access_key = " + secret);
        assertThat(profiles.target(p).credentials().resolveCredentials().secretAccessKey())
                .isEqualTo(secret);
        assertThat(everyValueInTheDatabase())
                .noneMatch(v -> v.contains(secret))
                .anyMatch(v -> v.equals("obitox-my-ceph"));
    }

    @Test
    void editingKeepsStoredKeysWhenLeftBlankAndReplacesThemWhenTyped() throws IOException {
        String first = secret();
        StorageProfile p = profiles.add(keys("Edit me", "http://127.0.0.1:7480", "AKIAFIRST", first));
        StorageProfile moved = profiles.update(p.id(), keys("Edit me renamed", "http://127.0.0.1:7481/", null, null));
        assertThat(moved.endpoint()).isEqualTo("http://127.0.0.1:7481");
        assertThat(moved.awsProfile()).as("the keys keep their section").isEqualTo("obitox-edit-me");
        assertThat(moved.createdAt()).isEqualTo(p.createdAt());
        assertThat(Files.readString(app.awsFiles().credentialsFile())).contains(first);

        String second = secret();
        profiles.update(p.id(), keys("Edit me renamed", "http://127.0.0.1:7481", "AKIASECOND", second));
        String file = Files.readString(app.awsFiles().credentialsFile());
        assertThat(file).contains(second).doesNotContain(first);
        assertThat(profiles.target(profiles.require(p.id()))
                        .credentials()
                        .resolveCredentials()
                        .accessKeyId())
                .isEqualTo("AKIASECOND");
    }

    @Test
    void switchingFromTypedKeysToAnAwsProfileRemovesTheManagedKeys() throws IOException {
        app.awsFiles().writeKeys("work", "AKIAWORK", secret(), null);
        StorageProfile p = profiles.add(keys("Switch", "http://127.0.0.1:7480", "AKIASWITCH", secret()));
        StorageProfile after = profiles.update(
                p.id(),
                new ProfileDraft(
                        "Switch",
                        Provider.CEPH,
                        "http://127.0.0.1:7480",
                        null,
                        null,
                        null,
                        CredentialMode.AWS_PROFILE,
                        "work",
                        null,
                        null,
                        null));
        assertThat(after.managedKeys()).isFalse();
        assertThat(after.awsProfile()).isEqualTo("work");
        assertThat(app.awsFiles().profileNames()).containsExactly("work");
    }

    @Test
    void profilesWhoseNamesMakeTheSameSlugGetTheirOwnKeys() throws IOException {
        String first = secret();
        String second = secret();
        StorageProfile a = profiles.add(keys("My Ceph", "http://127.0.0.1:7480", "AKIAFIRST", first));
        StorageProfile b = profiles.add(keys("my-ceph", "http://127.0.0.1:7481", "AKIASECOND", second));
        assertThat(b.awsProfile()).isNotEqualTo(a.awsProfile());
        assertThat(profiles.target(a).credentials().resolveCredentials().secretAccessKey())
                .isEqualTo(first);
        assertThat(profiles.target(b).credentials().resolveCredentials().secretAccessKey())
                .isEqualTo(second);

        profiles.remove("my-ceph");
        assertThat(app.awsFiles().profileNames()).containsExactly(a.awsProfile());
        assertThat(profiles.target(a).credentials().resolveCredentials().secretAccessKey())
                .isEqualTo(first);
    }

    @Test
    void aSectionTheUserWroteIsNeverTakenOverForTypedKeys() throws IOException {
        String users = secret();
        app.awsFiles().writeKeys("obitox-lab", "AKIAUSER", users, null);
        StorageProfile p = profiles.add(keys("Lab", "http://127.0.0.1:7480", "AKIAOBITOX", secret()));
        assertThat(p.awsProfile()).isEqualTo("obitox-lab-2");
        assertThat(Files.readString(app.awsFiles().credentialsFile())).contains(users);
    }

    @Test
    void removingAProfileRemovesItsManagedKeysButNotTheUsersProfiles() throws IOException {
        app.awsFiles().writeKeys("personal", "AKIAPERSONAL", secret(), null);
        StorageProfile managed = profiles.add(keys("Managed", "http://127.0.0.1:7480", "AKIAMANAGED", secret()));
        StorageProfile shared = profiles.add(new ProfileDraft(
                "Shared",
                Provider.CEPH,
                "http://127.0.0.1:7480",
                null,
                null,
                null,
                CredentialMode.AWS_PROFILE,
                "personal",
                null,
                null,
                null));
        assertThat(app.awsFiles().profileNames()).containsExactlyInAnyOrder("personal", managed.awsProfile());

        profiles.remove("Managed");
        assertThat(app.awsFiles().profileNames()).containsExactly("personal");
        profiles.remove(shared.id());
        assertThat(app.awsFiles().profileNames()).containsExactly("personal");
        assertThat(profiles.list()).extracting(StorageProfile::name).containsExactly("Sandbox");
        assertThatThrownBy(() -> profiles.remove("Managed"))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo("PROFILE_NOT_FOUND"));
    }

    @Test
    void defaultProfileIsTheChosenOneElseTheSandbox() {
        StorageProfile sandbox = profiles.require("Sandbox");
        StorageProfile ceph = profiles.add(draft("Ceph", Provider.CEPH, "http://127.0.0.1:7480", null, null));
        assertThat(profiles.defaultProfile()).contains(sandbox);
        profiles.setDefault(ceph);
        assertThat(profiles.defaultProfile()).contains(ceph);
        profiles.remove("Ceph");
        assertThat(app.context().settings().get(SettingsService.DEFAULT_PROFILE))
                .isEmpty();
        assertThat(profiles.defaultProfile()).contains(sandbox);
        app.context().settings().put(SettingsService.DEFAULT_PROFILE, "vanished-id");
        assertThat(profiles.defaultProfile()).contains(sandbox);
    }

    @Test
    void withoutTheSandboxTheFirstProfileIsTheDefault() {
        Database db = Database.open(TestPaths.newDir("profiles-nosandbox").resolve("db"), Clock.systemUTC());
        try (db;
                StorageClients clients = new StorageClients()) {
            ProfileService service = new ProfileService(
                    new ProfileRepository(db),
                    app.awsFiles(),
                    new SettingsService(db),
                    clients,
                    Optional.empty(),
                    Clock.systemUTC());
            service.ensureSandboxProfile();
            assertThat(service.list()).isEmpty();
            assertThat(service.defaultProfile()).isEmpty();
            service.add(draft("Zeta", Provider.CEPH, "http://127.0.0.1:7480", null, null));
            StorageProfile alpha = service.add(draft("alpha", Provider.CEPH, "http://127.0.0.1:7480", null, null));
            assertThat(service.defaultProfile()).contains(alpha);
            assertThatThrownBy(() -> service.target(new StorageProfile(
                            "x",
                            "S",
                            Provider.SANDBOX,
                            null,
                            null,
                            true,
                            null,
                            CredentialKind.SANDBOX,
                            null,
                            false,
                            alpha.createdAt(),
                            alpha.createdAt())))
                    .isInstanceOfSatisfying(
                            ObitoxException.class, e -> assertThat(e.code()).isEqualTo("SANDBOX_UNAVAILABLE"));
        }
    }

    @Test
    void findLooksUpByNameThenById() {
        StorageProfile p = profiles.add(draft("Find me", Provider.CEPH, "http://127.0.0.1:7480", null, null));
        assertThat(profiles.find("Find me")).contains(p);
        assertThat(profiles.find(" Find me ")).contains(p);
        assertThat(profiles.find(p.id())).contains(p);
        assertThat(profiles.find("nope")).isEmpty();
        assertThat(profiles.find(null)).isEmpty();
        assertThatThrownBy(() -> profiles.require("nope")).isInstanceOfSatisfying(ObitoxException.class, e -> {
            assertThat(e.code()).isEqualTo("PROFILE_NOT_FOUND");
            assertThat(e.fix()).contains("obitox profile list");
        });
    }

    @Test
    void aSavedProfileReusesOneClientUntilItIsEdited() {
        StorageProfile p = profiles.add(keys("Reuse", "http://127.0.0.1:7480", "AKIAREUSE", secret()));
        StorageClients clients = app.context().clients();
        S3Target first = profiles.target(p);
        assertThat(clients.interactive(profiles.target(p))).isSameAs(clients.interactive(first));
        StorageProfile sandbox = profiles.require("Sandbox");
        assertThat(clients.interactive(profiles.target(sandbox)))
                .isSameAs(clients.interactive(profiles.target(sandbox)));

        StorageProfile edited = profiles.update(p.id(), keys("Reuse", "http://127.0.0.1:7481", null, null));
        assertThat(clients.interactive(profiles.target(edited))).isNotSameAs(clients.interactive(first));
    }

    @Test
    void managedNamesAreSlugs() {
        assertThat(ProfileService.managedAwsProfileName("My Ceph (lab) #2")).isEqualTo("obitox-my-ceph-lab-2");
        assertThat(ProfileService.managedAwsProfileName("Ünïcode!")).isEqualTo("obitox-n-code");
        assertThat(ProfileService.managedAwsProfileName("!!!")).isEqualTo("obitox-profile");
    }

    /** Every non-null value of every column of every table of the app database, as text. */
    private List<String> everyValueInTheDatabase() {
        return app.context().database().query(c -> {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("PROFILE", "SETTING");
            List<String> values = new ArrayList<>();
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            String v = rs.getString(i);
                            if (v != null) {
                                values.add(v);
                            }
                        }
                    }
                }
            }
            return values;
        });
    }
}
