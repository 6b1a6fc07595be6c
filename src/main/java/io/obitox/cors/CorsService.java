package io.obitox.cors;

import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Bucket CORS for browser uploads: read the configuration, plan and apply the upload rule (merged, never
 * overwriting), verify statically and live, and keep a history that any earlier configuration can be restored from.
 *
 * <p>Every method that talks to storage blocks; run it off the FX thread. Failures are {@link ObitoxException}s with
 * the codes of {@link S3Errors} plus {@code CORS_*} codes. Thread-safe.
 */
public final class CorsService {
    public static final String INVALID_ORIGIN = "INVALID_ORIGIN";
    public static final String CORS_CHANGED = "CORS_CHANGED";
    public static final String NO_HISTORY = "CORS_NO_HISTORY";

    private final StorageClients clients;
    private final CorsHistoryRepository history;
    private final CorsProber prober;
    private final BrowserProof browser;
    private final Clock clock;

    /**
     * @param browsers finds the Chromium/Chrome of the browser check (the path set in Settings, PATH, the usual
     *     install locations)
     */
    public CorsService(StorageClients clients, CorsHistoryRepository history, BrowserLocator browsers, Clock clock) {
        this(clients, history, new CorsProber(clients), new BrowserProof(clients, browsers), clock);
    }

    CorsService(
            StorageClients clients,
            CorsHistoryRepository history,
            CorsProber prober,
            BrowserProof browser,
            Clock clock) {
        this.clients = clients;
        this.history = history;
        this.prober = prober;
        this.browser = browser;
        this.clock = clock;
    }

    /** Reads the configuration; connection and credential failures throw, the CORS-specific states do not. */
    public CorsReading read(S3Target target, String bucket) {
        try {
            var res = clients.interactive(target).getBucketCors(b -> b.bucket(bucket));
            return CorsReading.configured(new CorsConfig(
                    res.corsRules().stream().map(CorsRule::fromSdk).toList()));
        } catch (RuntimeException e) {
            String code = S3Errors.awsCode(e);
            if ("NoSuchCORSConfiguration".equals(code)) {
                return CorsReading.none();
            }
            if ("NotImplemented".equals(code) || S3Errors.status(e) == 501) {
                return new CorsReading(CorsReading.State.UNSUPPORTED, CorsConfig.NONE, unsupported(target, List.of()));
            }
            UserMessage m = S3Errors.describe(e);
            if (S3Errors.ACCESS_DENIED.equals(m.code())) {
                return new CorsReading(
                        CorsReading.State.ACCESS_DENIED,
                        CorsConfig.NONE,
                        UserMessage.of(
                                S3Errors.ACCESS_DENIED,
                                TextRef.of("svc.cors.readDenied", bucket),
                                TextRef.of("svc.cors.readDenied.fix", bucket)));
            }
            if (S3Errors.BUCKET_MISSING.equals(m.code())) {
                return new CorsReading(
                        CorsReading.State.BUCKET_MISSING,
                        CorsConfig.NONE,
                        UserMessage.of(
                                S3Errors.BUCKET_MISSING,
                                TextRef.of("svc.cors.bucketMissing", bucket, target.where()),
                                TextRef.of("svc.cors.bucketMissing.fix")));
            }
            throw S3Errors.toException(e);
        }
    }

    /**
     * Plans the upload rule for {@code origins}, merged into the current configuration.
     *
     * @param keepExistingOrigins true to add to the origins the upload rule already has, false to set exactly these
     */
    public ChangePlan plan(S3Target target, String bucket, List<String> origins, boolean keepExistingOrigins) {
        Provider provider = target.provider();
        Origins.Validation v = Origins.validate(origins, provider);
        if (!v.rejected().isEmpty()) {
            throw invalidOrigins(v);
        }
        UploadRules.Advice advice = UploadRules.advice(provider, v.accepted());
        if (!advice.perBucketApi()) {
            throw new ObitoxException(
                    UserMessage.of(
                            CorsReading.CODE_UNSUPPORTED, advice.noteTexts().get(0), advice.instructionsText()),
                    null);
        }
        CorsReading now = read(target, bucket);
        if (now.state() == CorsReading.State.UNSUPPORTED) {
            throw new ObitoxException(unsupported(target, v.accepted()), null);
        }
        now = requireReadable(now, bucket, TextRef.of("svc.cors.permissionForSetup"));
        Set<String> all = new LinkedHashSet<>();
        if (keepExistingOrigins) {
            now.config().uploadRule().ifPresent(r -> all.addAll(r.allowedOrigins()));
        }
        all.addAll(v.accepted());
        if (all.isEmpty()) {
            throw new ObitoxException(
                    UserMessage.of(
                            "ORIGIN_REQUIRED",
                            TextRef.of("svc.cors.originRequired"),
                            TextRef.of("svc.cors.originRequired.fix")),
                    null);
        }
        List<String> finalOrigins = List.copyOf(all);
        CorsMerger.Result merged =
                CorsMerger.merge(now.config(), UploadRules.rule(provider, finalOrigins), RuleMatching.of(provider));
        List<TextRef> notes = new ArrayList<>(advice.noteTexts());
        notes.addAll(merged.noteTexts());
        if (finalOrigins.contains("*")) {
            notes.add(TextRef.of("svc.cors.note.star"));
        }
        return new ChangePlan(
                bucket,
                CorsChange.Action.SETUP,
                null,
                finalOrigins,
                now.config(),
                merged.config(),
                CorsDiff.between(now.config(), merged.config()),
                notes);
    }

    /**
     * Plans putting back an earlier configuration: the one after change {@code changeId}, or the one before it when
     * {@code before}. Without an id, undoes the latest change (the configuration before it).
     */
    public ChangePlan planRestore(S3Target target, String bucket, Long changeId, boolean before) {
        List<CorsChange> changes = history(target, bucket);
        if (changes.isEmpty()) {
            throw new ObitoxException(
                    UserMessage.of(
                            NO_HISTORY,
                            TextRef.of("svc.cors.noHistory", bucket, target.where()),
                            TextRef.of("svc.cors.noHistory.fix")),
                    null);
        }
        CorsChange change = changeId == null
                ? changes.get(0)
                : changes.stream()
                        .filter(c -> c.id() == changeId)
                        .findFirst()
                        .orElseThrow(() -> new ObitoxException(
                                UserMessage.of(
                                        "CORS_CHANGE_NOT_FOUND",
                                        TextRef.of("svc.cors.changeNotFound", String.valueOf(changeId), bucket),
                                        TextRef.of("svc.cors.changeNotFound.fix", bucket)),
                                null));
        boolean useBefore = changeId == null || before;
        CorsConfig wanted = useBefore ? change.previous() : change.next();
        CorsReading now = requireReadable(read(target, bucket), bucket, "s3:GetBucketCors");
        TextRef note = TextRef.of(
                useBefore ? "svc.cors.note.restoreBefore" : "svc.cors.note.restoreAfter",
                String.valueOf(change.id()),
                change.summaryText(),
                change.changedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        return new ChangePlan(
                bucket,
                CorsChange.Action.RESTORE,
                change.id(),
                wanted.uploadRule().map(CorsRule::allowedOrigins).orElse(List.of()),
                now.config(),
                wanted,
                CorsDiff.between(now.config(), wanted),
                List.of(note));
    }

    /**
     * Applies a plan and records it in the history. Refuses ({@code CORS_CHANGED}) when the configuration is no longer
     * the one the plan was made from, so a review never applies over someone else's change.
     */
    public CorsChange apply(S3Target target, ChangePlan plan) {
        CorsReading now = requireReadable(read(target, plan.bucket()), plan.bucket(), "s3:GetBucketCors");
        if (!now.config().equals(plan.previous())) {
            throw new ObitoxException(
                    UserMessage.of(
                            CORS_CHANGED,
                            TextRef.of("svc.cors.changedSinceReview", plan.bucket()),
                            TextRef.of("svc.cors.changedSinceReview.fix")),
                    null);
        }
        plan.proposed().requireWithinLimits();
        write(target, plan.bucket(), plan.proposed());
        return history.record(
                target.label(),
                endpointKey(target),
                plan.bucket(),
                clock.instant(),
                plan.action(),
                plan.previous(),
                plan.proposed(),
                plan.restoredFrom());
    }

    /**
     * Verifies CORS for browser uploads from {@code origins} (or, when none are given, the origins the configuration
     * allows uploads from): the static audit of the configuration, then, when {@code live}, the live checks.
     */
    public CorsReport verify(S3Target target, String bucket, List<String> origins, boolean live) {
        return verify(target, bucket, origins, live, null);
    }

    /**
     * Like {@link #verify(S3Target, String, List, boolean)}, and when {@code browserTimeLimit} is not null, the
     * browser proof after the live checks: a real headless Chromium/Chrome uploads from each origin within that time
     * ({@link BrowserProof}). Without an installed browser the report says so in a warning and the rest still runs.
     */
    public CorsReport verify(
            S3Target target, String bucket, List<String> origins, boolean live, Duration browserTimeLimit) {
        Origins.Validation v = Origins.validate(origins, Provider.GENERIC);
        if (!v.rejected().isEmpty()) {
            throw invalidOrigins(v);
        }
        CorsReading reading = read(target, bucket);
        List<CorsCheck> checks = new ArrayList<>();
        switch (reading.state()) {
            case BUCKET_MISSING -> {
                checks.add(configurationCheck(CorsCheck.Status.FAILED, reading.problem(), null));
                return new CorsReport(bucket, target.where(), v.accepted(), reading, checks);
            }
            case UNSUPPORTED ->
                checks.add(configurationCheck(
                        CorsCheck.Status.WARNING, reading.problem(), "svc.cors.check.liveShowsServerWide"));
            case ACCESS_DENIED ->
                checks.add(configurationCheck(
                        CorsCheck.Status.WARNING, reading.problem(), "svc.cors.check.liveStillShows"));
            default -> checks.addAll(CorsAuditor.audit(reading.config(), v.accepted(), target.provider()));
        }
        List<String> probeOrigins = !v.accepted().isEmpty()
                ? v.accepted()
                : reading.readable() ? CorsAuditor.originsOf(reading.config()) : List.of();
        if (live) {
            if (probeOrigins.isEmpty()) {
                checks.add(CorsCheck.of(
                        CorsCheck.Status.FAILED,
                        TextRef.of("svc.cors.check.live"),
                        TextRef.of("svc.cors.check.noOrigin"),
                        TextRef.of("svc.cors.check.noOrigin.fix")));
            } else {
                checks.addAll(prober.probe(target, bucket, probeOrigins, reading.readable() ? reading.config() : null));
            }
        }
        if (browserTimeLimit != null && !probeOrigins.isEmpty()) {
            checks.addAll(browser.prove(target, bucket, probeOrigins, browserTimeLimit));
        }
        return new CorsReport(bucket, target.where(), probeOrigins, reading, checks);
    }

    /** The recorded changes of a bucket on the target's endpoint, newest first. */
    public List<CorsChange> history(S3Target target, String bucket) {
        return history.list(endpointKey(target), bucket);
    }

    /** @param permission what the credentials need to read, a permission name or a reference naming it */
    private static CorsReading requireReadable(CorsReading now, String bucket, Object permission) {
        if (now.readable()) {
            return now;
        }
        if (now.state() == CorsReading.State.ACCESS_DENIED) {
            UserMessage m = now.problem();
            TextRef message = TextRef.of("svc.cors.readDeniedFor", bucket, permission);
            throw new ObitoxException(
                    new UserMessage(S3Errors.ACCESS_DENIED, message.english(), m.fix(), message, m.fixRef()), null);
        }
        throw now.toException();
    }

    private void write(S3Target target, String bucket, CorsConfig config) {
        S3Client s3 = clients.interactive(target);
        try {
            if (config.isEmpty()) {
                s3.deleteBucketCors(b -> b.bucket(bucket));
            } else {
                s3.putBucketCors(b -> b.bucket(bucket)
                        .corsConfiguration(c -> c.corsRules(
                                config.rules().stream().map(CorsRule::toSdk).toList())));
            }
        } catch (RuntimeException e) {
            throw writeError(target, bucket, e);
        }
    }

    private static ObitoxException writeError(S3Target target, String bucket, RuntimeException e) {
        String code = S3Errors.awsCode(e);
        if ("NotImplemented".equals(code) || S3Errors.status(e) == 501) {
            return new ObitoxException(unsupported(target, List.of()), e);
        }
        UserMessage m = S3Errors.describe(e);
        if (S3Errors.ACCESS_DENIED.equals(m.code())) {
            return new ObitoxException(
                    UserMessage.of(
                            S3Errors.ACCESS_DENIED,
                            TextRef.of("svc.cors.writeDenied", bucket),
                            TextRef.of("svc.cors.writeDenied.fix", bucket)),
                    e);
        }
        if ("MalformedXML".equals(code) || "InvalidRequest".equals(code) || "InvalidArgument".equals(code)) {
            return new ObitoxException(
                    UserMessage.of(
                            "CORS_REJECTED",
                            TextRef.of("svc.cors.rejected", code),
                            TextRef.of(
                                    target.provider() == Provider.R2
                                            ? "svc.cors.rejected.fixR2"
                                            : "svc.cors.rejected.fix")),
                    e);
        }
        return S3Errors.toException(e);
    }

    /**
     * The configuration check for a reading that is a problem, in the problem's words (and {@code addKey}'s sentence
     * after them); bundle references where the problem has them.
     */
    private static CorsCheck configurationCheck(CorsCheck.Status status, UserMessage problem, String addKey) {
        TextRef name = TextRef.of("svc.cors.check.configuration");
        TextRef said = problem.messageRef();
        if (said == null) {
            String english = addKey == null
                    ? problem.message()
                    : problem.message() + " " + TextRef.of(addKey).english();
            return new CorsCheck(name.english(), status, english, problem.fix());
        }
        TextRef message = addKey == null ? said : TextRef.of("svc.cors.check.twoSentences", said, TextRef.of(addKey));
        return new CorsCheck(name.english(), status, message.english(), problem.fix(), name, message, problem.fixRef());
    }

    private static UserMessage unsupported(S3Target target, List<String> origins) {
        return UserMessage.of(
                CorsReading.CODE_UNSUPPORTED,
                TextRef.of("svc.cors.globalOnly"),
                UploadRules.globalOnlyFix(target.provider(), origins));
    }

    private static ObitoxException invalidOrigins(Origins.Validation v) {
        return new ObitoxException(
                UserMessage.of(
                        INVALID_ORIGIN,
                        TextRef.of(
                                "svc.cors.invalidOrigin",
                                CheckTexts.joined(v.rejected().stream()
                                        .map(Origins.Problem::describeText)
                                        .toList())),
                        TextRef.of("svc.cors.invalidOrigin.fix")),
                null);
    }

    /** The endpoint as history keys it: without a trailing slash, so profile and --endpoint-url agree. */
    static String endpointKey(S3Target target) {
        String where = target.where();
        return where.endsWith("/") ? where.substring(0, where.length() - 1) : where;
    }
}
