package io.obitox.cors;

import static io.obitox.cors.CorsCheck.Status.FAILED;
import static io.obitox.cors.CorsCheck.Status.PASSED;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.common.TextRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the check page reported, and what the browser wrote to its console, into the browser checks of one
 * origin. The browser's console message is quoted as it is (only the presigned URLs' signatures are cut off): it is
 * what a developer sees in the DevTools of their own web app. Pure functions apart from the storage checks of
 * {@link BrowserProbes}.
 */
final class BrowserVerdicts {
    private static final Pattern QUERY = Pattern.compile("(https?://[^\\s'\"?]+)\\?[^\\s'\"]*");
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final TextRef FIX_SETUP = TextRef.of("svc.cors.check.setupFix");
    private static final TextRef FIX_ETAG = TextRef.of("svc.cors.browser.etagFix");

    private BrowserVerdicts() {}

    static CorsCheck put(BrowserProbes p, JsonNode r, List<String> console, boolean finished) {
        TextRef name = TextRef.of("svc.cors.browser.put", p.origin);
        CorsCheck problem = requestProblem(name, TextRef.of("svc.cors.browser.thePut"), r, console, p.putKey, finished);
        if (problem != null) {
            return problem;
        }
        String etag = r.path("etag").asText();
        TextRef broken = p.checkPut(etag);
        if (broken != null) {
            return CorsCheck.of(FAILED, name, TextRef.of("svc.cors.browser.putBroken", broken), null);
        }
        return CorsCheck.of(
                PASSED,
                name,
                TextRef.of(
                        "svc.cors.browser.putAllowed",
                        BrowserProbes.CONTENT_TYPE,
                        r.path("status").asInt(),
                        r.path("ms").asLong(),
                        etag,
                        BrowserProbes.PUT_SIZE),
                null);
    }

    static CorsCheck multipart(BrowserProbes p, List<JsonNode> parts, List<String> console, boolean finished) {
        TextRef name = TextRef.of("svc.cors.browser.multipart", p.origin);
        if (p.multipartProblem != null) {
            return CorsCheck.of(
                    FAILED, name, p.multipartProblem, TextRef.of("svc.cors.browser.multipartNotStarted.fix"));
        }
        List<String> etags = new ArrayList<>();
        long ms = 0;
        for (int n = 1; n <= p.partUrls.size(); n++) {
            JsonNode r = n <= parts.size() ? parts.get(n - 1) : null;
            CorsCheck problem =
                    requestProblem(name, TextRef.of("svc.cors.browser.part", n), r, console, p.multipartKey, finished);
            if (problem != null) {
                return problem;
            }
            etags.add(r.path("etag").asText());
            ms += r.path("ms").asLong();
        }
        TextRef broken = p.complete(etags);
        if (broken != null) {
            return CorsCheck.of(FAILED, name, TextRef.of("svc.cors.browser.partsBroken", broken), null);
        }
        return CorsCheck.of(PASSED, name, TextRef.of("svc.cors.browser.multipartAllowed", etags.size(), ms), null);
    }

    /**
     * Null when request {@code what} went through with a readable ETag, else the failed check. The browser's console
     * messages about the object {@code key} (its URL) are the reason of a blocked request.
     */
    private static CorsCheck requestProblem(
            TextRef name, TextRef what, JsonNode r, List<String> console, String key, boolean finished) {
        if (r == null) {
            return CorsCheck.of(
                    FAILED,
                    name,
                    TextRef.of(finished ? "svc.cors.browser.notReported" : "svc.cors.browser.notReportedStopped", what),
                    finished ? null : TextRef.of("svc.cors.browser.notReportedStopped.fix"));
        }
        if (!r.path("sent").asBoolean()) {
            List<String> said = console.stream()
                    .filter(line -> line.contains(key + "?") || line.contains(key + "'"))
                    .map(BrowserVerdicts::withoutSignatures)
                    .distinct()
                    .toList();
            TextRef message = said.isEmpty()
                    ? TextRef.of(
                            "svc.cors.browser.blockedNoReason",
                            what,
                            r.path("error").asText())
                    : TextRef.of("svc.cors.browser.blockedSaid", what, String.join(" ", said));
            return CorsCheck.of(FAILED, name, message, fix(said));
        }
        int status = r.path("status").asInt();
        if (status / 100 != 2) {
            Matcher m = ERROR_CODE.matcher(r.path("body").asText());
            return CorsCheck.of(
                    FAILED,
                    name,
                    TextRef.of("svc.cors.browser.refusedItself", what, status + (m.find() ? " " + m.group(1) : "")),
                    TextRef.of("svc.cors.check.refusedItself.fix"));
        }
        if (r.path("etag").isNull() || r.path("etag").asText().isEmpty()) {
            return CorsCheck.of(FAILED, name, TextRef.of("svc.cors.browser.etagUnreadable", what, status), FIX_ETAG);
        }
        return null;
    }

    private static TextRef fix(List<String> said) {
        String all = String.join(" ", said);
        if (all.contains("Mixed Content") || all.contains("mixed content")) {
            return TextRef.of("svc.cors.browser.mixedContent.fix");
        }
        return FIX_SETUP;
    }

    static String withoutSignatures(String text) {
        return QUERY.matcher(text).replaceAll("$1");
    }
}
