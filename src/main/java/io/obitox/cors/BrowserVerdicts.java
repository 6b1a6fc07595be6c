package io.obitox.cors;

import com.fasterxml.jackson.databind.JsonNode;
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
    private static final String FIX_SETUP = "Run CORS setup for this bucket with this origin.";
    private static final String FIX_ETAG =
            "Add ETag to ExposeHeaders of the rule for this origin (the rule CORS setup writes has it).";

    private BrowserVerdicts() {}

    static CorsCheck put(BrowserProbes p, JsonNode r, List<String> console, boolean finished) {
        String name = BrowserProof.PUT + p.origin;
        CorsCheck problem = requestProblem(name, "the presigned PUT", r, console, p.putKey, finished);
        if (problem != null) {
            return problem;
        }
        String etag = r.path("etag").asText();
        String broken = p.checkPut(etag);
        if (broken != null) {
            return CorsCheck.failed(name, "The browser's PUT was allowed, but " + broken + ".", "");
        }
        return CorsCheck.passed(
                name,
                "Allowed: the browser sent a presigned PUT with Content-Type " + BrowserProbes.CONTENT_TYPE + " (HTTP "
                        + r.path("status").asInt() + ", " + r.path("ms").asLong() + " ms), ETag readable (" + etag
                        + "), object intact (" + BrowserProbes.PUT_SIZE + " bytes).");
    }

    static CorsCheck multipart(BrowserProbes p, List<JsonNode> parts, List<String> console, boolean finished) {
        String name = BrowserProof.MULTIPART + p.origin;
        if (p.multipartProblem != null) {
            return CorsCheck.failed(
                    name, p.multipartProblem, "The credentials need s3:PutObject and s3:AbortMultipartUpload.");
        }
        List<String> etags = new ArrayList<>();
        long ms = 0;
        for (int n = 1; n <= p.partUrls.size(); n++) {
            JsonNode r = n <= parts.size() ? parts.get(n - 1) : null;
            CorsCheck problem = requestProblem(name, "part " + n, r, console, p.multipartKey, finished);
            if (problem != null) {
                return problem;
            }
            etags.add(r.path("etag").asText());
            ms += r.path("ms").asLong();
        }
        String broken = p.complete(etags);
        if (broken != null) {
            return CorsCheck.failed(name, "The browser's part uploads were allowed, but " + broken + ".", "");
        }
        return CorsCheck.passed(
                name,
                "Allowed: the browser sent " + etags.size() + " presigned part PUTs (5 MiB and 64 KiB, " + ms
                        + " ms), every ETag readable; the upload completed with the browser's ETags and the object is"
                        + " intact.");
    }

    /**
     * Null when request {@code what} went through with a readable ETag, else the failed check. The browser's console
     * messages about the object {@code key} (its URL) are the reason of a blocked request.
     */
    private static CorsCheck requestProblem(
            String name, String what, JsonNode r, List<String> console, String key, boolean finished) {
        if (r == null) {
            return CorsCheck.failed(
                    name,
                    "The page did not report " + what + (finished ? "" : " before the browser was stopped") + ".",
                    finished ? "" : "Allow the browser more time, or check that it can reach the storage endpoint.");
        }
        if (!r.path("sent").asBoolean()) {
            List<String> said = console.stream()
                    .filter(line -> line.contains(key + "?") || line.contains(key + "'"))
                    .map(BrowserVerdicts::withoutSignatures)
                    .distinct()
                    .toList();
            String reason = said.isEmpty()
                    ? "the page saw \"" + r.path("error").asText() + "\" and the browser logged no reason"
                    : "the browser said: " + String.join(" ", said);
            return CorsCheck.failed(name, "Blocked: " + what + " failed in the browser; " + reason, fix(said));
        }
        int status = r.path("status").asInt();
        if (status / 100 != 2) {
            Matcher m = ERROR_CODE.matcher(r.path("body").asText());
            return CorsCheck.failed(
                    name,
                    "The server refused " + what + " itself (HTTP " + status + (m.find() ? " " + m.group(1) : "")
                            + "); the browser could read the answer, so this is not a CORS problem.",
                    "The credentials need s3:PutObject on the bucket (and the clock must be right for presigned URLs).");
        }
        if (r.path("etag").isNull() || r.path("etag").asText().isEmpty()) {
            return CorsCheck.failed(
                    name,
                    "ETag not readable: " + what + " was allowed (HTTP " + status + "), but the page's"
                            + " response.headers.get('ETag') returned null, because ETag is not in"
                            + " Access-Control-Expose-Headers. Multipart uploads cannot complete without it.",
                    FIX_ETAG);
        }
        return null;
    }

    private static String fix(List<String> said) {
        String all = String.join(" ", said);
        if (all.contains("Mixed Content") || all.contains("mixed content")) {
            return "Use an https storage endpoint for an https web app.";
        }
        return FIX_SETUP;
    }

    static String withoutSignatures(String text) {
        return QUERY.matcher(text).replaceAll("$1");
    }
}
