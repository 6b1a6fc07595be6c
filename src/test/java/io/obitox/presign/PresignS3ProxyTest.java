package io.obitox.presign;

import io.obitox.storage.S3Target;
import io.obitox.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.s3.S3Client;

/** The link contract against the in-process S3Proxy. */
class PresignS3ProxyTest extends PresignedLinkContract {
    private S3ProxyServer server;

    @BeforeEach
    void startServer() {
        server = S3ProxyServer.start();
        server.createBucket(bucket());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    S3Target target() {
        return server.target();
    }

    @Override
    String bucket() {
        return "presign-links";
    }

    @Override
    boolean exists(String key) {
        try (S3Client s3 = server.client()) {
            return s3.listObjectsV2(b -> b.bucket(bucket()).prefix(key)).contents().stream()
                    .anyMatch(o -> o.key().equals(key));
        }
    }

    @Override
    S3Client client() {
        return server.client();
    }

    @Override
    boolean hasTagging() {
        return false; // S3Proxy takes x-amz-tagging but has no GetObjectTagging
    }
}
