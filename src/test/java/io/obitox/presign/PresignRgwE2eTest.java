package io.obitox.presign;

import io.obitox.storage.S3Target;
import io.obitox.testing.Rgw;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.s3.S3Client;

/** The link contract against Ceph RGW (tag e2e; endpoint from OBITOX_E2E_ENDPOINT). */
@Tag("e2e")
class PresignRgwE2eTest extends PresignedLinkContract {
    private Rgw rgw;
    private String bucket;

    @BeforeEach
    void createBucket() {
        rgw = Rgw.require();
        bucket = Rgw.uniqueBucket("presign");
        rgw.createBucket(bucket);
    }

    @AfterEach
    void deleteBucket() {
        rgw.deleteBucket(bucket);
    }

    @Override
    S3Target target() {
        return rgw.target();
    }

    @Override
    String bucket() {
        return bucket;
    }

    @Override
    boolean exists(String key) {
        try (S3Client s3 = rgw.client()) {
            return s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().stream()
                    .anyMatch(o -> o.key().equals(key));
        }
    }

    @Override
    S3Client client() {
        return rgw.client();
    }

    @Override
    boolean sseCOverHttp() {
        return System.getenv("OBITOX_E2E_KMS_KEY_ID") != null; // scripts/rgw-up.sh's SSE set-up is there
    }
}
