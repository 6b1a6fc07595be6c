package io.obitox.cors;

import io.obitox.common.TextRef;
import io.obitox.storage.Provider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Browser origins ({@code scheme://host[:port]}): validation and normalisation of what the user types, and the
 * wildcard matching S3 applies. Pure functions, no I/O.
 *
 * <p>Normalising matters because browsers send {@code Origin} without path and without default port: a rule for
 * {@code https://app.example.com/} or {@code https://app.example.com:443} would never match.
 */
public final class Origins {
    /** What the wizard suggests for local development servers (React/Next, Vite, Angular, Vue CLI …). */
    public static final List<String> SUGGESTIONS =
            List.of("http://localhost:3000", "http://localhost:5173", "http://localhost:4200", "http://localhost:8080");

    private static final Pattern ORIGIN =
            Pattern.compile("(?i)([a-z][a-z0-9+.-]*)://([^/:?#\\[\\]]+|\\[[0-9a-f:.]+])(?::([^/?#]*))?(/.*)?");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    private Origins() {}

    /** One rejected input and why. */
    public record Problem(String input, TextRef reasonText) {
        /** Why, in English. */
        public String reason() {
            return reasonText.english();
        }

        public String describe() {
            return describeText().english();
        }

        /** The input and why, for a view to render in the user's language. */
        public TextRef describeText() {
            return TextRef.of("svc.cors.origin.problem", input, reasonText);
        }
    }

    /** Outcome of {@link #validate}: the normalised, de-duplicated origins and the rejected inputs. */
    public record Validation(List<String> accepted, List<Problem> rejected) {
        public boolean ok() {
            return rejected.isEmpty() && !accepted.isEmpty();
        }
    }

    /** Validates every non-blank input for {@code provider}; order is kept, duplicates are dropped. */
    public static Validation validate(Collection<String> inputs, Provider provider) {
        Set<String> accepted = new LinkedHashSet<>();
        List<Problem> rejected = new ArrayList<>();
        for (String raw : inputs) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String in = raw.trim();
            TextRef problem = problemText(in, provider);
            if (problem != null) {
                rejected.add(new Problem(in, problem));
            } else {
                accepted.add(normalize(in));
            }
        }
        return new Validation(List.copyOf(accepted), List.copyOf(rejected));
    }

    /** Why {@code origin} cannot go into a rule for {@code provider} in English, or null when it can. */
    public static String problem(String origin, Provider provider) {
        TextRef why = problemText(origin, provider);
        return why == null ? null : why.english();
    }

    /** Why {@code origin} cannot go into a rule for {@code provider}, or null when it can. */
    public static TextRef problemText(String origin, Provider provider) {
        String in = origin.trim();
        if (in.equals("*")) {
            return null;
        }
        if (in.chars().filter(c -> c == '*').count() > 1) {
            return TextRef.of("svc.cors.origin.twoStars");
        }
        if (in.chars().anyMatch(Character::isWhitespace)) {
            return TextRef.of("svc.cors.origin.spaces");
        }
        Matcher m = ORIGIN.matcher(in);
        if (!m.matches()) {
            return TextRef.of("svc.cors.origin.notAnOrigin");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(2).toLowerCase(Locale.ROOT);
        String port = m.group(3);
        String path = m.group(4);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return TextRef.of("svc.cors.origin.scheme", scheme);
        }
        if (path != null && !path.equals("/")) {
            return TextRef.of("svc.cors.origin.path", scheme + "://" + host + (port == null ? "" : ":" + port));
        }
        if (host.contains("@")) {
            return TextRef.of("svc.cors.origin.userName");
        }
        TextRef hostProblem = hostProblem(host);
        if (hostProblem != null) {
            return hostProblem;
        }
        if (port != null) {
            if (port.equals("*")) {
                if (provider == Provider.R2) {
                    return TextRef.of("svc.cors.origin.r2Port", scheme + "://" + host + ":3000");
                }
            } else if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return TextRef.of(port.contains("*") ? "svc.cors.origin.portOrStar" : "svc.cors.origin.port");
            }
        }
        return null;
    }

    private static TextRef hostProblem(String host) {
        if (host.startsWith("[")) {
            return null; // IPv6 literal, checked by the pattern
        }
        if (host.contains("*") && !host.startsWith("*.")) {
            return TextRef.of("svc.cors.origin.starPlace");
        }
        String rest = host.startsWith("*.") ? host.substring(2) : host;
        if (rest.isEmpty() || rest.length() > 253) {
            return TextRef.of("svc.cors.origin.hostLength");
        }
        for (String label : rest.split("\\.", -1)) {
            if (label.length() > 63 || !LABEL.matcher(label).matches()) {
                return TextRef.of("svc.cors.origin.hostName", host);
            }
        }
        return null;
    }

    /** Lower-case scheme and host, no trailing slash, no default port. Call only on valid origins. */
    public static String normalize(String origin) {
        String in = origin.trim();
        if (in.equals("*")) {
            return in;
        }
        Matcher m = ORIGIN.matcher(in);
        if (!m.matches()) {
            return in;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(2).toLowerCase(Locale.ROOT);
        String port = m.group(3);
        boolean defaultPort = port == null
                || port.isEmpty()
                || scheme.equals("http") && port.equals("80")
                || scheme.equals("https") && port.equals("443");
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    /** S3's origin matching: exact, or with one {@code *} standing for any text. */
    public static boolean matches(String pattern, String origin) {
        return globMatches(pattern.trim(), origin.trim());
    }

    /** Glob with at most one {@code *} (S3 allows only one); a second {@code *} is taken literally, as S3 does. */
    static boolean globMatches(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(value);
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return value.length() >= prefix.length() + suffix.length()
                && value.startsWith(prefix)
                && value.endsWith(suffix);
    }

    /** True when some browser origin is covered by both patterns. */
    public static boolean overlap(String a, String b) {
        return a.equals(b) || matches(a, sample(b)) || matches(b, sample(a));
    }

    /**
     * A concrete origin covered by {@code pattern}, for live checks: {@code *} becomes a made-up origin, a wildcard
     * port becomes 3000, a wildcard host part becomes {@code obitox-check}.
     */
    public static String sample(String pattern) {
        String p = pattern.trim();
        if (p.equals("*")) {
            return "https://obitox-check.example.com";
        }
        int star = p.indexOf('*');
        if (star < 0) {
            return p;
        }
        boolean inPort = p.lastIndexOf(':') == star - 1 && star > p.indexOf("://") + 3;
        return p.substring(0, star) + (inPort ? "3000" : "obitox-check") + p.substring(star + 1);
    }

    /** True for {@code *} and patterns like {@code https://*.example.com}. */
    public static boolean isWildcard(String pattern) {
        return pattern.contains("*");
    }
}
