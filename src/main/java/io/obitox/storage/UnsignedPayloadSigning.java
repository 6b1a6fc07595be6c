package io.obitox.storage;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 with {@code UNSIGNED-PAYLOAD} for uploads that carry a {@code Content-MD5}, also over plain http.
 *
 * <p>Why: over http the SDK always signs the payload, either by hashing the whole body before sending (two reads of
 * every part and a SHA-256 over all bytes) or with aws-chunked signing (slow in the SDK). Both cost CPU the upload
 * does not need: the signed Content-MD5 header already makes the server reject any body that differs from what we
 * hashed. This is what the aws CLI does over https. Requests without Content-MD5 keep the SDK's default signing.
 *
 * <p>How: the request is signed as if it went over https (where the SDK honours unsigned payloads), then sent over
 * its real scheme; the scheme is not part of a SigV4 signature, the Host header is.
 */
final class UnsignedPayloadSigning implements AwsV4AuthScheme {
    private final AwsV4AuthScheme delegate = AwsV4AuthScheme.create();
    private final AwsV4HttpSigner signer = new Signer(delegate.signer());

    @Override
    public String schemeId() {
        return delegate.schemeId();
    }

    @Override
    public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
        return delegate.identityProvider(providers);
    }

    @Override
    public AwsV4HttpSigner signer() {
        return signer;
    }

    private static final class Signer implements AwsV4HttpSigner {
        private final AwsV4HttpSigner delegate;

        Signer(AwsV4HttpSigner delegate) {
            this.delegate = delegate;
        }

        @Override
        public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
            SdkHttpRequest http = request.request();
            if (!"http".equalsIgnoreCase(http.protocol())
                    || http.firstMatchingHeader("Content-MD5").isEmpty()) {
                return delegate.sign(request);
            }
            int port = http.port();
            SignRequest<? extends AwsCredentialsIdentity> asHttps = request.copy(
                    b -> b.request(http.toBuilder().protocol("https").port(port).build())
                            .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                            .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false));
            SignedRequest signed = delegate.sign(asHttps);
            return signed.copy(b -> b.request(signed.request().toBuilder()
                    .protocol(http.protocol())
                    .port(port)
                    .build()));
        }

        @Override
        public CompletableFuture<AsyncSignedRequest> signAsync(
                AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
            return delegate.signAsync(request);
        }
    }
}
