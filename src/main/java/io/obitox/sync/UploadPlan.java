package io.obitox.sync;

import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch's decisions, made by {@link UploadPlanner}; {@link #uploads()} is what to enqueue. After the run, {@link
 * #settle} turns the transfers' ends into actions: a 412 ({@code OBJECT_EXISTS}) is a key someone created after the
 * listing, so {@code skip} reports it skipped-existing, {@code rename} tries the next free name, {@code fail} fails
 * it. Confined to one thread.
 */
/** A batch's decisions; {@link #uploads()} is what to enqueue. */
public final class UploadPlan {
    /** One file of the batch and what happens to it. Mutable; confined to the plan's thread. */
    public static final class Item {
        final UploadRequest original;
        UploadRequest request;
        SyncAction action;
        String reason;
        String rule;
        long size = -1;
        String transferId;
        String skippedId;
        int renameNumber;
        int renameRounds;

        Item(UploadRequest original) {
            this.original = original;
            this.request = original;
        }

        public Path path() {
            return original.source();
        }

        /** The key the file was meant for. */
        public String originalKey() {
            return original.key();
        }

        /** The key it went (or would go) to: another one after a rename. */
        public String key() {
            return request.key();
        }

        public SyncAction action() {
            return action;
        }

        public String reason() {
            return reason;
        }

        /** The exclude rule's name for {@link SyncAction#EXCLUDED}, else null. */
        public String rule() {
            return rule;
        }

        /** The file's size when known, else -1. */
        public long size() {
            return size;
        }

        /** The transfer that sends it, or null when nothing is sent. */
        public String transferId() {
            return transferId;
        }

        /** The {@code SKIPPED} transfer row recorded for it ({@link SkippedRows}), or null. */
        public String skippedId() {
            return skippedId;
        }

        void skippedId(String id) {
            this.skippedId = id;
        }

        /** What it is (or would be) sent as. */
        UploadRequest request() {
            return request;
        }

        /** Whether it goes to the engine (planned upload or rename). */
        public boolean uploads() {
            return transferId != null || action == SyncAction.UPLOADED || action == SyncAction.RENAMED;
        }
    }

    private final UploadPlanner.Spec spec;
    private final List<Item> items;
    private final RemoteListing listing;
    private final List<String> warnings;
    /**
     * Keys this batch holds, for renames: made at the first rename (most batches never rename, and a set of every
     * key was about 40 bytes a file for the whole run).
     */
    private Set<String> takenKeys;

    private final Map<String, Item> byTransfer = new HashMap<>();
    private List<Item> pending;
    int filesRead;
    /** The files the round being settled sends again; null between rounds. */
    private List<Item> again;

    UploadPlan(UploadPlanner.Spec spec, List<Item> items, RemoteListing listing, List<String> warnings) {
        this.spec = spec;
        this.items = items;
        this.listing = listing;
        this.warnings = warnings;
        this.pending = items.stream().filter(Item::uploads).toList();
    }

    public List<Item> items() {
        return items;
    }

    public RemoteListing listing() {
        return listing;
    }

    /**
     * How many files planning read (their fingerprint or whole content) to compare them; files decided by one
     * stat against the index, by the listing alone or by the policy are not counted.
     */
    public int filesRead() {
        return filesRead;
    }

    /** Things the user should know (best-effort checks, a listing that failed). */
    public List<String> warnings() {
        return warnings;
    }

    /** The requests of this round, in order (pass the transfer ids the engine gave them to {@link #attach}). */
    public List<UploadRequest> uploads() {
        return pending.stream()
                .map(i -> i.action == SyncAction.RENAMED
                        ? i.request.withAction(SyncAction.RENAMED.jsonName())
                        : i.request)
                // the engine ends a 412 under "skip" as SKIPPED (renames answered "keep both" are "rename")
                .map(r -> r.ifNoneMatch()
                        ? r.withIfExists(
                                spec.policy().mustNotClobber()
                                        ? spec.policy().cliName()
                                        : ConflictPolicy.RENAME.cliName())
                        : r)
                .toList();
    }

    /** The transfer ids of {@link #uploads()}, in the same order. */
    public void attach(List<String> transferIds) {
        if (transferIds.size() != pending.size()) {
            throw new IllegalStateException(transferIds.size() + " ids for " + pending.size() + " uploads");
        }
        for (int n = 0; n < pending.size(); n++) {
            pending.get(n).transferId = transferIds.get(n);
            byTransfer.put(transferIds.get(n), pending.get(n));
        }
    }

    /** The item a transfer of this plan sends, or null. */
    public Item item(String transferId) {
        return byTransfer.get(transferId);
    }

    /**
     * Takes the ends of this round's transfers; returns true when another round is due ({@link #uploads()} then
     * holds the renames whose new key was taken meanwhile).
     */
    public boolean settle(List<TransferSnapshot> ends) {
        beginRound();
        settlePage(ends);
        return endRound();
    }

    /** Starts settling a round whose ends are read a page at a time: {@link #settlePage}s, then {@link #endRound}. */
    public void beginRound() {
        again = new ArrayList<>();
    }

    /** Settles one page of the round's ends (see {@link #settle}). */
    public void settlePage(List<TransferSnapshot> ends) {
        for (TransferSnapshot s : ends) {
            Item i = byTransfer.get(s.id());
            if (i == null) {
                continue;
            }
            if (s.size() >= 0) {
                i.size = s.size();
            }
            if (s.state() == TransferState.COMPLETED) {
                i.action = i.key().equals(i.originalKey()) ? SyncAction.UPLOADED : SyncAction.RENAMED;
                continue;
            }
            if (s.state() == TransferState.SKIPPED) { // the engine's end of a 412 under skip
                i.action = SyncAction.SKIPPED_EXISTING;
                i.reason = "created on the server after the listing; not overwritten (If-None-Match)";
                continue;
            }
            boolean exists = ConflictPolicy.OBJECT_EXISTS.equals(s.errorCode());
            if (exists && spec.policy() == ConflictPolicy.SKIP) {
                i.action = SyncAction.SKIPPED_EXISTING;
                i.reason = "created on the server after the listing; not overwritten (If-None-Match)";
            } else if (exists
                    && spec.policy() == ConflictPolicy.RENAME
                    && i.renameRounds++ < UploadPlanner.RENAME_ROUNDS) {
                String next = nextName(i);
                i.request = withKey(i.request, next);
                i.action = SyncAction.RENAMED;
                i.transferId = null;
                again.add(i);
            } else {
                i.action = SyncAction.FAILED;
                i.reason = s.errorMessage();
            }
        }
    }

    /** Ends the round: true when files are to be sent again (under their next free name). */
    public boolean endRound() {
        pending = again;
        again = null;
        return !pending.isEmpty();
    }

    private String nextName(Item i) {
        if (takenKeys == null) {
            // no key has changed before the first rename, so this is every file's planned key
            takenKeys = new HashSet<>();
            for (Item x : items) {
                takenKeys.add(x.key());
            }
        }
        String key;
        do {
            i.renameNumber++;
            key = RenameKeys.numbered(i.originalKey(), i.renameNumber);
        } while (listing.contains(key) || takenKeys.contains(key));
        takenKeys.add(key);
        return key;
    }

    /**
     * The GUI's "ask": for each file planned over a listed key (a changed file under skip-identical), the user's
     * answer by original key, else {@code fallback}: {@code OVERWRITE} keeps the plan, {@code SKIP} skips it as
     * existing, {@code RENAME} keeps both (the first free {@code name (n).ext}, with {@code If-None-Match}). Call
     * before {@link #uploads()} is read, once.
     */
    public void answer(Map<String, ConflictPolicy> answers, ConflictPolicy fallback) {
        for (Item i : items) {
            RemoteListing.RemoteObject remote = listing.get(i.originalKey());
            if (i.action != SyncAction.UPLOADED || remote == null || i.transferId != null) {
                continue;
            }
            switch (answers.getOrDefault(i.originalKey(), fallback)) {
                case SKIP -> {
                    i.action = SyncAction.SKIPPED_EXISTING;
                    i.reason = "exists on the server; skipped as answered";
                    i.size = remote.size();
                }
                case RENAME -> {
                    i.request = flags(withKey(i.request, nextName(i)), true, i.request.sha256());
                    i.action = SyncAction.RENAMED;
                    i.reason = "exists on the server; both kept as answered";
                }
                default -> {}
            }
        }
        pending = items.stream().filter(Item::uploads).toList();
    }

    /** Counts per action and the bytes not sent (skipped files' sizes). */
    public BatchSummary summary() {
        return BatchSummary.of(items);
    }

    static UploadRequest withKey(UploadRequest r, String key) {
        if (key.equals(r.key())) {
            return r;
        }
        return new UploadRequest(
                r.source(),
                r.target(),
                r.bucket(),
                key,
                r.contentType(),
                r.ifNoneMatch(),
                r.sha256(),
                r.settings(),
                r.action(),
                r.ifExists());
    }

    static UploadRequest flags(UploadRequest r, boolean ifNoneMatch, String sha256) {
        if (r.ifNoneMatch() == ifNoneMatch && java.util.Objects.equals(r.sha256(), sha256)) {
            return r; // most files of a batch: no copy held for the whole run
        }
        return new UploadRequest(
                r.source(),
                r.target(),
                r.bucket(),
                r.key(),
                r.contentType(),
                ifNoneMatch,
                sha256,
                r.settings(),
                r.action(),
                r.ifExists());
    }
}
