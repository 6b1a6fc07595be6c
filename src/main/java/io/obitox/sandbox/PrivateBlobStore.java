package io.obitox.sandbox;

import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/**
 * The sandbox's store as S3Proxy sees it: every bucket and object is private, so a request without the sandbox's keys
 * is refused whatever it asks. S3Proxy serves unsigned requests for buckets its store calls public-read, and the
 * filesystem store calls a bucket public-read when its folder can be read by others (a default umask); the sandbox
 * keeps its folders owner-only too, but the answer to "who may read this" must not depend on a file mode. Making a
 * bucket or object public through the API is refused for the same reason.
 */
final class PrivateBlobStore extends ForwardingBlobStore {

    PrivateBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public BucketCannedACL getContainerAccess(String container) {
        return BucketCannedACL.PRIVATE;
    }

    @Override
    public void setContainerAccess(String container, BucketCannedACL access) {
        if (access != BucketCannedACL.PRIVATE) {
            throw notPublic();
        }
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key) {
        return ObjectCannedACL.PRIVATE;
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key, String versionId) {
        return ObjectCannedACL.PRIVATE;
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access) {
        if (access != ObjectCannedACL.PRIVATE) {
            throw notPublic();
        }
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access, String versionId) {
        if (access != ObjectCannedACL.PRIVATE) {
            throw notPublic();
        }
    }

    private static S3ProxyException notPublic() {
        return new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "the ObitoX sandbox keeps every bucket private");
    }
}
