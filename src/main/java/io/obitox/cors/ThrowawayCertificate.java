package io.obitox.cors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for the host names of {@code https} origins, made in memory for one browser check and
 * then forgotten: a fresh P-256 key pair, never written to disk, valid for one day. Only the headless browser that is
 * told its key's hash ({@code --ignore-certificate-errors-spki-list}) accepts it; nothing is added to a trust store.
 *
 * <p>The JDK has no public API to issue a certificate, and the installers carry no keytool on Windows and macOS, so
 * this class writes the few DER structures of an X.509 v3 certificate itself (RFC 5280: version, serial, ECDSA-SHA256,
 * names, validity, key, subjectAltName). Immutable; thread-safe.
 */
public final class ThrowawayCertificate {
    private static final byte[] ECDSA_SHA256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02
    };
    private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final byte[] SUBJECT_ALT_NAME = {0x06, 0x03, 0x55, 0x1D, 0x11};
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final KeyPair keys;
    private final X509Certificate certificate;

    private ThrowawayCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** Issues a certificate for {@code hosts} (DNS names or IP literals; the first is also the common name). */
    public static ThrowawayCertificate issue(List<String> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no host names");
        }
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = gen.generateKeyPair();
            Instant now = Instant.now();
            byte[] serial = new byte[16];
            new SecureRandom().nextBytes(serial);
            byte[] name = seq(set(seq(COMMON_NAME, tlv(0x0C, hosts.get(0).getBytes(StandardCharsets.UTF_8)))));
            byte[] tbs = seq(
                    tlv(0xA0, tlv(0x02, new byte[] {2})), // [0] version v3
                    tlv(0x02, new BigInteger(1, serial).toByteArray()),
                    seq(ECDSA_SHA256),
                    name,
                    seq(utcTime(now.minus(Duration.ofHours(1))), utcTime(now.plus(Duration.ofDays(1)))),
                    name,
                    keys.getPublic().getEncoded(), // SubjectPublicKeyInfo
                    tlv(0xA3, seq(seq(SUBJECT_ALT_NAME, tlv(0x04, seq(altNames(hosts)))))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] der = seq(tbs, seq(ECDSA_SHA256), tlv(0x03, concat(new byte[] {0}, signature)));
            X509Certificate cert = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            cert.verify(keys.getPublic());
            return new ThrowawayCertificate(keys, cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a throwaway certificate: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's
     * {@code --ignore-certificate-errors-spki-list} takes.
     */
    public String spkiHash() {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(keys.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS server context presenting this certificate. */
    public SSLContext serverContext() {
        try {
            char[] pw = "throwaway".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("origin", keys.getPrivate(), pw, new Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not set up TLS for the throwaway certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] altNames(List<String> hosts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String h : hosts) {
            String bare = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
            byte[] entry =
                    isIpLiteral(bare) ? tlv(0x87, ipBytes(bare)) : tlv(0x82, bare.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(entry);
        }
        return out.toByteArray();
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static byte[] ipBytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    private static byte[] utcTime(Instant t) {
        return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    /** The elements of a SEQUENCE are already encoded; {@code seq(tbs)} just wraps. */
    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    /** One DER tag-length-value (definite length, short or long form). */
    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            byte[] len = BigInteger.valueOf(n).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
