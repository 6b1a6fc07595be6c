package io.obitox.cors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.obitox.common.Json;
import io.obitox.common.TextRef;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The browser proof: a real headless Chromium/Chrome loads a page served from each origin being checked (its host name
 * mapped to ObitoX's loopback page server, {@code https} with a throwaway certificate) and uploads the way a web app
 * does: a presigned single PUT with {@code Content-Type}, then a two-part multipart upload through presigned part
 * PUTs, reading every {@code ETag}. ObitoX completes the upload with the ETags the browser read, checks both objects
 * and deletes them. Each step becomes a {@link CorsCheck}, with the browser's own console message when it blocked a
 * request.
 *
 * <p>Bounded: one browser for all origins, killed at the time limit, its profile folder deleted; it resolves only the
 * origins (to 127.0.0.1) and the storage's host. Blocking (seconds); run it off the FX thread. Thread-safe.
 */
public final class BrowserProof {
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);
    /** English names of the browser checks (the bundle has them as svc.cors.browser.*), for tests and scripts. */
    public static final String BROWSER = "Browser";

    public static final String PUT = "Browser: PUT from ";
    public static final String MULTIPART = "Browser: multipart upload from ";
    public static final String CLEANUP = "Browser: probe clean-up";
    private static final TextRef BROWSER_NAME = TextRef.of("svc.cors.browser.name");

    private static final String PAGE = loadPage();

    private final StorageClients clients;
    private final BrowserLocator locator;
    private final ObjectMapper json = Json.newMapper();

    public BrowserProof(StorageClients clients, BrowserLocator locator) {
        this.clients = clients;
        this.locator = locator;
    }

    /** Proves uploads from {@code origins} (patterns are sampled to concrete origins) within {@code timeLimit}. */
    public List<CorsCheck> prove(S3Target target, String bucket, List<String> origins, Duration timeLimit) {
        BrowserLocator.Result found = locator.locate();
        if (!found.found()) {
            TextRef notFound = TextRef.of("svc.cors.browser.notFound", CheckTexts.joined(found.searchedTexts()));
            return List.of(CorsCheck.of(
                    CorsCheck.Status.WARNING,
                    BROWSER_NAME,
                    withProblem(notFound, found),
                    TextRef.of("svc.cors.browser.notFound.fix")));
        }
        Set<String> concrete = new LinkedHashSet<>();
        origins.forEach(o -> concrete.add(Origins.sample(o)));
        List<CorsCheck> checks = new ArrayList<>();
        List<BrowserProbes> probes = new ArrayList<>();
        Map<String, String> hostScheme = new HashMap<>();
        for (String origin : concrete) {
            URI u = URI.create(origin);
            String host = u.getHost().toLowerCase(Locale.ROOT);
            String other = hostScheme.putIfAbsent(host, u.getScheme());
            if (other != null && !other.equals(u.getScheme())) {
                checks.add(CorsCheck.of(
                        CorsCheck.Status.SKIPPED,
                        TextRef.of("svc.cors.browser.put", origin),
                        TextRef.of("svc.cors.browser.otherScheme", host, other),
                        null));
            } else {
                probes.add(new BrowserProbes(clients, target, bucket, origin));
            }
        }
        try {
            run(target, found, probes, timeLimit, checks);
        } finally {
            List<TextRef> failed = new ArrayList<>();
            probes.forEach(p -> failed.addAll(p.cleanUp()));
            TextRef cleanup = TextRef.of("svc.cors.browser.cleanup");
            checks.add(
                    failed.isEmpty()
                            ? CorsCheck.of(
                                    CorsCheck.Status.PASSED, cleanup, TextRef.of("svc.cors.browser.cleanedUp"), null)
                            : CorsCheck.of(
                                    CorsCheck.Status.WARNING,
                                    cleanup,
                                    TextRef.of("svc.cors.check.cleanupIncomplete", CheckTexts.joined(failed)),
                                    TextRef.of("svc.cors.browser.cleanupIncomplete.fix", CorsProber.PROBE_PREFIX)));
        }
        return checks;
    }

    private void run(
            S3Target target,
            BrowserLocator.Result found,
            List<BrowserProbes> prepared,
            Duration timeLimit,
            List<CorsCheck> checks) {
        Set<String> storageHosts = new LinkedHashSet<>();
        try (S3Presigner presigner = clients.presigner(target)) {
            for (BrowserProbes p : prepared) {
                p.prepare(presigner);
                storageHosts.add(ruleHost(URI.create(p.putUrl)));
            }
        }
        List<BrowserProbes> probes = new ArrayList<>();
        for (BrowserProbes p : prepared) {
            if (storageHosts.contains(ruleHost(URI.create(p.origin)))) {
                // the browser resolves a host name to one place: it cannot be both the page and the bucket
                checks.add(CorsCheck.of(
                        CorsCheck.Status.SKIPPED,
                        TextRef.of("svc.cors.browser.put", p.origin),
                        TextRef.of("svc.cors.browser.storageHost"),
                        null));
            } else {
                probes.add(p);
            }
        }
        if (probes.isEmpty()) {
            return;
        }
        List<String> httpsHosts = probes.stream()
                .map(p -> URI.create(p.origin))
                .filter(u -> u.getScheme().equals("https"))
                .map(URI::getHost)
                .distinct()
                .toList();
        ThrowawayCertificate cert = httpsHosts.isEmpty() ? null : ThrowawayCertificate.issue(httpsHosts);
        Map<String, Report> reports = new LinkedHashMap<>();
        probes.forEach(p -> reports.put(p.origin, new Report()));
        Instant started = Instant.now();
        HeadlessBrowser browser = null;
        Ending ending = Ending.TIMED_OUT;
        try (OriginPageServer server = new OriginPageServer(UUID.randomUUID().toString())) {
            List<String> rules = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                URI u = URI.create(probes.get(i).origin);
                int port = server.port(u.getScheme(), cert);
                rules.add("MAP " + ruleHost(u) + " 127.0.0.1:" + port);
                server.addPage(i, page(probes, i, server));
            }
            storageHosts.forEach(h -> rules.add("EXCLUDE " + h));
            rules.add("MAP * ~NOTFOUND");
            browser = HeadlessBrowser.start(
                    found.executable(),
                    probes.get(0).origin + server.pagePath(0),
                    String.join(", ", rules),
                    cert == null ? List.of() : List.of(cert.spkiHash()));
            ending = collect(server, browser, reports, started.plus(timeLimit));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("browser check cancelled");
        } catch (UncheckedIOException e) {
            checks.add(CorsCheck.of(
                    CorsCheck.Status.FAILED,
                    BROWSER_NAME,
                    TextRef.of("svc.cors.browser.couldNotRun", String.valueOf(e.getMessage())),
                    null));
            return;
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
        Duration took = Duration.between(started, Instant.now());
        List<String> console = browser.console();
        boolean finished = ending == Ending.FINISHED;
        checks.add(browserCheck(found, probes.size(), took, timeLimit, ending, browser));
        for (BrowserProbes p : probes) {
            Report r = reports.get(p.origin);
            checks.add(BrowserVerdicts.put(p, r.put, console, finished));
            checks.add(BrowserVerdicts.multipart(p, r.parts, console, finished));
        }
    }

    /** The host as {@code --host-resolver-rules} names it: lower case, an IPv6 literal without brackets. */
    static String ruleHost(URI u) {
        String h = u.getHost().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static CorsCheck browserCheck(
            BrowserLocator.Result found,
            int origins,
            Duration took,
            Duration limit,
            Ending ending,
            HeadlessBrowser browser) {
        // rounded to tenths here, so the English and the German pattern show the same digit
        TextRef ran = TextRef.of(
                "svc.cors.browser.ran",
                found.executable().toString(),
                origins,
                Math.round(took.toMillis() / 100.0) / 10.0);
        if (ending == Ending.FINISHED) {
            return CorsCheck.of(CorsCheck.Status.PASSED, BROWSER_NAME, withProblem(ran, found), null);
        }
        List<String> console = browser.console().stream()
                .map(BrowserVerdicts::withoutSignatures)
                .toList();
        List<String> log = browser.lastLogLines();
        TextRef tail = !console.isEmpty()
                ? TextRef.of("svc.cors.browser.console", String.join(" | ", last(console, 5)))
                : log.isEmpty() ? null : TextRef.of("svc.cors.browser.logLines", String.join(" | ", last(log, 5)));
        TextRef what = ending == Ending.EXITED
                ? TextRef.of("svc.cors.browser.exited", String.valueOf(browser.exitStatus()), ran)
                : TextRef.of("svc.cors.browser.timedOut", limit.toSeconds(), ran);
        return CorsCheck.of(
                CorsCheck.Status.FAILED,
                BROWSER_NAME,
                tail == null ? what : CheckTexts.sentences(what, tail),
                TextRef.of(ending == Ending.EXITED ? "svc.cors.browser.exited.fix" : "svc.cors.browser.timedOut.fix"));
    }

    /** {@code text}, then why the browser set in Settings was not used, if it was not. */
    private static TextRef withProblem(TextRef text, BrowserLocator.Result found) {
        return found.problemText() == null ? text : CheckTexts.sentences(text, found.problemText());
    }

    private static List<String> last(List<String> lines, int n) {
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    /** How the browser's run ended. */
    private enum Ending {
        FINISHED,
        EXITED,
        TIMED_OUT
    }

    /** Takes reports until every page said "done", the browser exited, or the deadline passed. */
    private static Ending collect(
            OriginPageServer server, HeadlessBrowser browser, Map<String, Report> reports, Instant deadline)
            throws InterruptedException {
        int done = 0;
        while (done < reports.size()) {
            JsonNode r = server.nextReport(
                    Instant.now().plusMillis(250).isBefore(deadline)
                            ? Instant.now().plusMillis(250)
                            : deadline);
            if (r == null) {
                if (!browser.isAlive()) {
                    return Ending.EXITED;
                }
                if (!Instant.now().isBefore(deadline)) {
                    return Ending.TIMED_OUT;
                }
                continue;
            }
            Report report = reports.get(r.path("origin").asText());
            if (report == null) {
                continue; // only the origins of this run have pages; nothing else can report
            }
            switch (r.path("step").asText()) {
                case "put" -> report.put = r;
                case "part" -> report.parts.add(r);
                case "done" -> done++;
                default -> {}
            }
        }
        return Ending.FINISHED;
    }

    private String page(List<BrowserProbes> probes, int index, OriginPageServer server) {
        BrowserProbes p = probes.get(index);
        ObjectNode plan = json.createObjectNode();
        plan.put("index", index);
        plan.put("report", server.reportPath());
        plan.putObject("put")
                .put("url", p.putUrl)
                .put("contentType", BrowserProbes.CONTENT_TYPE)
                .put("size", BrowserProbes.PUT_SIZE)
                .put("seed", 0);
        ArrayNode parts = plan.putArray("parts");
        for (int n = 1; n <= p.partUrls.size(); n++) {
            parts.addObject()
                    .put("url", p.partUrls.get(n - 1))
                    .put("size", BrowserProbes.partSize(n))
                    .put("seed", n);
        }
        plan.put("next", index + 1 < probes.size() ? probes.get(index + 1).origin + server.pagePath(index + 1) : null);
        try {
            // "<" escaped, so no URL can end the script element
            String planJson = json.writeValueAsString(plan).replace("<", "\\u003c");
            return PAGE.replace("/*PLAN*/", planJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadPage() {
        try (InputStream in = BrowserProof.class.getResourceAsStream("browser-check.html")) {
            if (in == null) {
                throw new IllegalStateException("browser-check.html is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page of one origin reported. */
    static final class Report {
        JsonNode put;
        final List<JsonNode> parts = new ArrayList<>();
    }
}
