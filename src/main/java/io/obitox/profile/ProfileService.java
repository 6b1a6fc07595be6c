package io.obitox.profile;

import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
import io.obitox.settings.SettingsService;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.storage.SandboxAccess;
import io.obitox.storage.StorageClients;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Saved storage profiles: validation, persistence, where their credentials live, and turning a profile into an
 * {@link S3Target}. Thread-safe; blocking (database and file I/O), so call it off the FX thread.
 */
public final class ProfileService {
    public static final String SANDBOX_NAME = "Sandbox";
    private static final Logger log = LoggerFactory.getLogger(ProfileService.class);

    private final ProfileRepository repository;
    private final AwsSharedFiles awsFiles;
    private final SettingsService settings;
    private final StorageClients clients;
    private final Optional<SandboxAccess> sandbox;
    private final Clock clock;
    private final ProfileValidator validator;
    private final ManagedKeys managedKeys;
    /**
     * One credentials provider per profile setting. StorageClients caches a client per provider instance, so a new
     * provider on every {@link #target} call built (and kept) a new client for every refresh or test.
     */
    private final Map<String, AwsCredentialsProvider> credentialProviders = new ConcurrentHashMap<>();

    public ProfileService(
            ProfileRepository repository,
            AwsSharedFiles awsFiles,
            SettingsService settings,
            StorageClients clients,
            Optional<SandboxAccess> sandbox,
            Clock clock) {
        this.repository = repository;
        this.awsFiles = awsFiles;
        this.settings = settings;
        this.clients = clients;
        this.sandbox = sandbox;
        this.clock = clock;
        this.validator = new ProfileValidator(repository, awsFiles);
        this.managedKeys = new ManagedKeys(awsFiles, this::list);
    }

    public List<StorageProfile> list() {
        return repository.findAll();
    }

    public Optional<StorageProfile> find(String nameOrId) {
        if (nameOrId == null || nameOrId.isBlank()) {
            return Optional.empty();
        }
        return repository.findByName(nameOrId.trim()).or(() -> repository.findById(nameOrId.trim()));
    }

    public StorageProfile require(String nameOrId) {
        return find(nameOrId)
                .orElseThrow(() -> failure(
                        "PROFILE_NOT_FOUND", TextRef.of("profile.svc.notFound", nameOrId), "profile.svc.notFound.fix"));
    }

    public List<String> awsProfileNames() {
        return awsFiles.profileNames();
    }

    public AwsSharedFiles awsFiles() {
        return awsFiles;
    }

    public boolean sandboxAvailable() {
        return sandbox.isPresent();
    }

    /** Creates the built-in Sandbox profile on first start, when this build includes the sandbox. */
    public void ensureSandboxProfile() {
        if (sandbox.isEmpty() || list().stream().anyMatch(StorageProfile::isSandbox)) {
            return;
        }
        Instant now = now();
        // A profile of a build without the sandbox may already be called "Sandbox": the name is unique in the
        // database, and a clash would stop every start of the app.
        String name = SANDBOX_NAME;
        for (int n = 2; ; n++) {
            Optional<StorageProfile> taken = repository.findByName(name);
            if (taken.isEmpty()) {
                break;
            }
            if (taken.get().isSandbox()) {
                return; // another ObitoX process of this home created it meanwhile
            }
            name = SANDBOX_NAME + " " + n;
        }
        try {
            repository.save(new StorageProfile(
                    UUID.randomUUID().toString(),
                    name,
                    Provider.SANDBOX,
                    null,
                    Provider.SANDBOX.defaultRegion(),
                    true,
                    sandbox.get().defaultBucket(),
                    CredentialKind.SANDBOX,
                    null,
                    false,
                    now,
                    now));
        } catch (ObitoxException e) {
            if (list().stream().anyMatch(StorageProfile::isSandbox)) {
                return; // a process starting at the same moment won the race: one Sandbox profile is enough
            }
            throw e;
        }
        log.info("Created the Sandbox profile");
    }

    /** The profile commands use when none is named: the one set as default, else the sandbox, else the first. */
    public Optional<StorageProfile> defaultProfile() {
        List<StorageProfile> all = list();
        Optional<String> chosen = settings.get(SettingsService.DEFAULT_PROFILE);
        if (chosen.isPresent()) {
            Optional<StorageProfile> p =
                    all.stream().filter(x -> x.id().equals(chosen.get())).findFirst();
            if (p.isPresent()) {
                return p;
            }
        }
        return all.stream()
                .filter(StorageProfile::isSandbox)
                .findFirst()
                .or(() -> all.stream().findFirst());
    }

    public void setDefault(StorageProfile profile) {
        settings.put(SettingsService.DEFAULT_PROFILE, profile.id());
    }

    public StorageProfile add(ProfileDraft draft) {
        validator.validate(draft, null);
        Instant now = now();
        String id = UUID.randomUUID().toString();
        return persist(id, draft, now, now, null);
    }

    public StorageProfile update(String id, ProfileDraft draft) {
        StorageProfile old = repository
                .findById(id)
                .orElseThrow(
                        () -> failure("PROFILE_NOT_FOUND", TextRef.of("profile.svc.gone"), "profile.svc.gone.fix"));
        if (old.isSandbox()) {
            throw failure("PROFILE_READ_ONLY", TextRef.of("profile.svc.sandboxEdit"), "profile.svc.sandboxEdit.fix");
        }
        validator.validate(draft, old);
        StorageProfile saved = persist(id, draft, old.createdAt(), now(), old);
        forget(id);
        return saved;
    }

    public void remove(String nameOrId) {
        StorageProfile p = require(nameOrId);
        if (p.isSandbox()) {
            throw failure(
                    "PROFILE_READ_ONLY", TextRef.of("profile.svc.sandboxRemove"), "profile.svc.sandboxRemove.fix");
        }
        repository.delete(p.id());
        if (p.managedKeys() && p.awsProfile() != null) {
            awsFiles.removeKeys(p.awsProfile());
        }
        if (settings.get(SettingsService.DEFAULT_PROFILE).filter(p.id()::equals).isPresent()) {
            settings.put(SettingsService.DEFAULT_PROFILE, (String) null);
        }
        forget(p.id());
    }

    /** Drops the cached clients and credentials of a profile that changed or went away. */
    private void forget(String profileId) {
        clients.evict(profileId);
        credentialProviders.keySet().removeIf(k -> k.startsWith(profileId + "|"));
    }

    /** The connection settings and credentials of a profile; starts the sandbox when it is that profile. */
    public S3Target target(StorageProfile p) {
        if (p.isSandbox()) {
            SandboxAccess s = sandbox.orElseThrow(() ->
                    failure("SANDBOX_UNAVAILABLE", TextRef.of("profile.svc.noSandbox"), "profile.svc.noSandbox.fix"));
            SandboxAccess.Endpoint e = s.ensureStarted();
            AwsCredentialsProvider keys = credentialProviders.computeIfAbsent(
                    p.id() + "|sandbox|" + e.accessKeyId() + "|"
                            + e.secretAccessKey().hashCode(),
                    k -> StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(e.accessKeyId(), e.secretAccessKey())));
            return new S3Target(p.id(), p.name(), Provider.SANDBOX, e.uri(), p.effectiveRegion(), true, keys);
        }
        var credentials = switch (p.credentialKind()) {
            case AWS_PROFILE ->
                credentialProviders.computeIfAbsent(
                        p.id() + "|aws-profile|" + p.awsProfile(), k -> awsFiles.credentialsProvider(p.awsProfile()));
            case DEFAULT_CHAIN ->
                credentialProviders.computeIfAbsent(
                        p.id() + "|default-chain",
                        k -> DefaultCredentialsProvider.builder().build());
            case SANDBOX -> throw new IllegalStateException("sandbox credentials on a non-sandbox profile");
        };
        return new S3Target(
                p.id(),
                p.name(),
                p.provider(),
                p.endpointUri().orElse(null),
                p.effectiveRegion(),
                p.pathStyle(),
                credentials);
    }

    /**
     * Resolves a stored target: a saved profile (with optional region/path-style overrides), or an endpoint signed
     * with an AWS profile or the default chain.
     */
    public S3Target resolve(TargetRef ref) {
        if (ref.isProfile()) {
            StorageProfile p = repository
                    .findById(ref.profileId())
                    .orElseThrow(() -> failure(
                            "PROFILE_NOT_FOUND",
                            TextRef.of("profile.svc.jobProfileGone"),
                            "profile.svc.jobProfileGone.fix"));
            S3Target t = target(p);
            if (ref.region() == null && ref.pathStyle() == null) {
                return t;
            }
            return new S3Target(
                    t.key() + "|" + ref.region() + "|" + ref.pathStyle(),
                    t.label(),
                    t.provider(),
                    t.endpoint(),
                    ref.region() != null ? ref.region() : t.region(),
                    ref.pathStyle() != null ? ref.pathStyle() : t.pathStyle(),
                    t.credentials());
        }
        URI uri = ref.endpoint() == null ? null : URI.create(ref.endpoint());
        Provider kind = ref.provider() != null
                ? Provider.parse(ref.provider())
                : uri == null || uri.getHost().endsWith("amazonaws.com") ? Provider.AWS : Provider.GENERIC;
        AwsCredentialsProvider credentials = ref.awsProfile() != null
                ? credentialProviders.computeIfAbsent(
                        "endpoint|aws-profile|" + ref.awsProfile(), k -> awsFiles.credentialsProvider(ref.awsProfile()))
                : credentialProviders.computeIfAbsent(
                        "endpoint|default-chain",
                        k -> DefaultCredentialsProvider.builder().build());
        boolean local = uri != null && uri.getHost().matches("[0-9.]+|\\[.*]|localhost");
        String label = uri != null ? uri.getHost() : ref.awsProfile() != null ? ref.awsProfile() : "AWS";
        return new S3Target(
                "endpoint:" + uri + "|" + ref.awsProfile(),
                label,
                kind,
                uri,
                ref.region() != null ? ref.region() : kind.defaultRegion(),
                ref.pathStyle() != null ? ref.pathStyle() : local,
                credentials);
    }

    /**
     * The clock's time at the database's precision (microseconds), so a profile returned by {@link #add} equals the
     * same profile read back later (the UI finds it again in a fresh list).
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The AWS profile name ObitoX uses for keys it writes itself, e.g. {@code obitox-my-ceph}. */
    public static String managedAwsProfileName(String profileName) {
        String slug = profileName
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return "obitox-" + (slug.isEmpty() ? "profile" : slug);
    }

    private StorageProfile persist(String id, ProfileDraft d, Instant created, Instant updated, StorageProfile old) {
        Provider provider = d.provider();
        CredentialKind kind;
        String awsProfile;
        boolean managed;
        ManagedKeys.Written written = null;
        switch (d.credentialMode()) {
            case KEYS -> {
                kind = CredentialKind.AWS_PROFILE;
                managed = true;
                boolean keepStored =
                        isBlank(d.accessKeyId()) && isBlank(d.secretAccessKey()) && old != null && old.managedKeys();
                if (keepStored) {
                    awsProfile = old.awsProfile();
                } else {
                    written = managedKeys.write(d, old);
                    awsProfile = written.awsProfile();
                }
            }
            case AWS_PROFILE -> {
                kind = CredentialKind.AWS_PROFILE;
                awsProfile = d.awsProfile().trim();
                managed = false;
            }
            default -> {
                kind = CredentialKind.DEFAULT_CHAIN;
                awsProfile = null;
                managed = false;
            }
        }
        boolean pathStyle = d.pathStyle() != null ? d.pathStyle() : provider.defaultPathStyle();
        String region =
                isBlank(d.region()) ? provider.defaultRegion() : d.region().trim();
        StorageProfile p = new StorageProfile(
                id,
                d.name().trim(),
                provider,
                normalizeEndpoint(d.endpoint()),
                region,
                pathStyle,
                d.defaultBucket(),
                kind,
                awsProfile,
                managed,
                created,
                updated);
        try {
            repository.save(p);
        } catch (RuntimeException e) {
            if (written != null) {
                managedKeys.undo(written, e);
            }
            throw e;
        }
        // only now: a failed save must not cost the profile its old keys
        if (old != null
                && old.managedKeys()
                && old.awsProfile() != null
                && !old.awsProfile().equals(awsProfile)) {
            awsFiles.removeKeys(old.awsProfile());
        }
        log.info("Saved profile '{}' ({})", p.name(), p.provider());
        return p;
    }

    private static String normalizeEndpoint(String endpoint) {
        if (isBlank(endpoint)) {
            return null;
        }
        String e = endpoint.trim();
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        return e;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** A failure from bundle keys, so that the Profiles view shows it in the user's language. */
    private static ObitoxException failure(String code, TextRef message, String fixKey) {
        return new ObitoxException(UserMessage.of(code, message, TextRef.of(fixKey)), null);
    }
}
