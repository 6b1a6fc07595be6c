package io.obitox.cors;

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
    public record Problem(String input, String reason) {
        public String describe() {
            return "'" + input + "': " + reason;
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
            String problem = problem(in, provider);
            if (problem != null) {
                rejected.add(new Problem(in, problem));
            } else {
                accepted.add(normalize(in));
            }
        }
        return new Validation(List.copyOf(accepted), List.copyOf(rejected));
    }

    /** Why {@code origin} cannot go into a rule for {@code provider}, or null when it can. */
    public static String problem(String origin, Provider provider) {
        String in = origin.trim();
        if (in.equals("*")) {
            return null;
        }
        if (in.chars().filter(c -> c == '*').count() > 1) {
            return "an origin may contain at most one *.";
        }
        if (in.chars().anyMatch(Character::isWhitespace)) {
            return "an origin has no spaces.";
        }
        Matcher m = ORIGIN.matcher(in);
        if (!m.matches()) {
            return "not an origin; write scheme://host[:port], e.g. https://app.example.com.";
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(2).toLowerCase(Locale.ROOT);
        String port = m.group(3);
        String path = m.group(4);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "the scheme must be http or https, not " + scheme + ".";
        }
        if (path != null && !path.equals("/")) {
            return "an origin has no path, query or fragment: use " + scheme + "://" + host
                    + (port == null ? "" : ":" + port) + ".";
        }
        if (host.contains("@")) {
            return "an origin has no user name.";
        }
        String hostProblem = hostProblem(host);
        if (hostProblem != null) {
            return hostProblem;
        }
        if (port != null) {
            if (port.equals("*")) {
                if (provider == Provider.R2) {
                    return "Cloudflare R2 rejects a wildcard port (MalformedXML); list the ports you use, e.g. "
                            + scheme + "://" + host + ":3000.";
                }
            } else if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return "the port must be a number from 1 to 65535" + (port.contains("*") ? " or *." : ".");
            }
        }
        return null;
    }

    private static String hostProblem(String host) {
        if (host.startsWith("[")) {
            return null; // IPv6 literal, checked by the pattern
        }
        if (host.contains("*") && !host.startsWith("*.")) {
            return "put * only as the first part of the host (https://*.example.com) or as the port "
                    + "(http://localhost:*).";
        }
        String rest = host.startsWith("*.") ? host.substring(2) : host;
        if (rest.isEmpty() || rest.length() > 253) {
            return "the host name is missing or too long.";
        }
        for (String label : rest.split("\\.", -1)) {
            if (label.length() > 63 || !LABEL.matcher(label).matches()) {
                return "'" + host + "' is not a valid host name.";
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
