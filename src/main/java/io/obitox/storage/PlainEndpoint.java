package io.obitox.storage;

import java.net.URI;
import java.util.Locale;

/**
 * The endpoint of a target whose requests {@link DirectPut} and {@link DirectList} build by hand: an http(s) endpoint
 * of its own, path-style, with nothing but scheme, host and port.
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param port the URI's port, else the scheme's
 */
record PlainEndpoint(String scheme, String host, int port) {

    /** The plain endpoint of {@code target}, or null when its requests need the SDK's client (AWS itself, virtual hosts). */
    static PlainEndpoint of(S3Target target) {
        URI e = target.endpoint();
        if (e == null
                || !target.pathStyle()
                || e.getHost() == null
                || e.getRawUserInfo() != null
                || e.getRawQuery() != null
                || e.getRawFragment() != null
                || (e.getRawPath() != null
                        && !e.getRawPath().isEmpty()
                        && !e.getRawPath().equals("/"))
                || !(e.getScheme().equalsIgnoreCase("http") || e.getScheme().equalsIgnoreCase("https"))) {
            return null;
        }
        String scheme = e.getScheme().toLowerCase(Locale.ROOT);
        return new PlainEndpoint(
                scheme, e.getHost(), e.getPort() >= 0 ? e.getPort() : scheme.equals("https") ? 443 : 80);
    }
}
