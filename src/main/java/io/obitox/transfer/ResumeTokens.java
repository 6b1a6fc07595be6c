package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.profile.TargetRef;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Resume tokens for {@link TransferService}: export one for a started multipart upload, and import one as a new
 * queued transfer of the local copy of the file (after checking the upload still exists). The token is untrusted
 * input; {@code transfer.cli.ImportTokenCommand} shows and checks it before this runs.
 *
 * <p>Threading: thread-safe and stateless; both calls block on the database, the file and (import) the network.
 */
final class ResumeTokens {
    private final TransferRepository repo;
    private final TransferEngine engine;
    private final Function<TargetRef, S3Target> targets;
    private final StorageClients clients;
    private final Clock clock;

    ResumeTokens(
            TransferRepository repo,
            TransferEngine engine,
            Function<TargetRef, S3Target> targets,
            StorageClients clients,
            Clock clock) {
        this.repo = repo;
        this.engine = engine;
        this.targets = targets;
        this.clients = clients;
        this.clock = clock;
    }

    /** A token that lets another machine (or a reinstall) finish this multipart upload. */
    String export(String id, String profileName) {
        Transfer t = repo.find(id)
                .orElseThrow(() -> new ObitoxException(
                        "TRANSFER_NOT_FOUND",
                        "There is no transfer " + id + ".",
                        "List transfers with 'obitox transfers list'."));
        if (!t.multipart() || t.uploadId() == null) {
            throw new ObitoxException(
                    "NOT_RESUMABLE",
                    "'" + t.fileName() + "' has no multipart upload in progress, "
                            + "so there is nothing to hand over.",
                    "Only started multipart uploads (large files) have a " + "resume token.");
        }
        TargetRef ref = TargetRef.fromJson(t.targetRef());
        S3Target target = targets.apply(ref);
        return new ResumeToken(
                        1,
                        t.uploadId(),
                        t.bucket(),
                        t.key(),
                        profileName,
                        target.endpoint() == null ? null : target.endpoint().toString(),
                        target.region(),
                        target.pathStyle(),
                        target.provider().name(),
                        t.partSize(),
                        t.size(),
                        t.fileName(),
                        t.contentType())
                .encode();
    }

    /**
     * Finishes the upload of a token with the local copy of the file: checks that the upload still exists
     * (UPLOAD_NOT_FOUND otherwise), adopts the parts already on the server that match the file, sends the rest.
     */
    TransferSnapshot importToken(String text, Path file, TargetRef target) {
        ResumeToken token = ResumeToken.decode(text);
        S3Target s3Target = targets.apply(target);
        SourceFile.Identity identity = SourceFile.identify(file);
        if (identity.size() != token.size()) {
            throw new ObitoxException(
                    "SOURCE_MISMATCH",
                    "'" + file + "' has " + identity.size() + " bytes; the upload " + "in the token is for a file of "
                            + token.size() + " bytes.",
                    "Use the same file the upload was started with.");
        }
        requireUploadExists(token, s3Target);
        Instant now = clock.instant();
        int count = (int) ((token.size() + token.partSize() - 1) / token.partSize());
        Transfer t = new Transfer(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                engine.owner(),
                Transfer.Source.of(file.toAbsolutePath(), identity),
                new Transfer.Target(
                        target.toJson(),
                        s3Target.label(),
                        TransferService.endpointKey(s3Target),
                        token.bucket(),
                        token.key(),
                        token.contentType()),
                new Transfer.Plan(true, token.partSize(), count),
                Transfer.Progress.initial(TransferState.QUEUED, token.uploadId()),
                Transfer.Outcome.none(
                        null, null, "Imported from a resume token; parts already on the server are kept."),
                new Transfer.Times(now, now, null, now, null));
        repo.insertAll(List.of(t));
        engine.submit(List.of(t));
        return engine.snapshot(t.id()).orElseThrow();
    }

    /** UPLOAD_NOT_FOUND unless the token's multipart upload still exists. */
    private void requireUploadExists(ResumeToken token, S3Target target) {
        ObitoxException notFound = new ObitoxException(
                "UPLOAD_NOT_FOUND",
                "This upload has expired or never existed " + "on " + target.where() + " (bucket " + token.bucket()
                        + ").",
                "Upload the file again from the start.");
        S3Client s3 = clients.bulk(target);
        try {
            s3.listParts(b -> b.bucket(token.bucket())
                    .key(token.key())
                    .uploadId(token.uploadId())
                    .maxParts(1));
        } catch (RuntimeException e) {
            String code = S3Errors.awsCode(e);
            if ("NoSuchUpload".equals(code) || "NoSuchKey".equals(code) || S3Errors.status(e) == 404) {
                throw notFound;
            }
            throw S3Errors.toException(e);
        }
        // Some servers (S3Proxy) still answer ListParts for an aborted upload: where listing uploads is allowed,
        // make sure it is really there. Without that permission, ListParts is the word we go by.
        boolean listed;
        try {
            listed =
                    s3
                            .listMultipartUploadsPaginator(
                                    b -> b.bucket(token.bucket()).prefix(token.key()))
                            .uploads()
                            .stream()
                            .anyMatch(u -> token.uploadId().equals(u.uploadId()));
        } catch (RuntimeException cannotList) {
            listed = true; // no s3:ListBucketMultipartUploads, or not implemented
        }
        if (!listed) {
            throw notFound;
        }
    }
}
