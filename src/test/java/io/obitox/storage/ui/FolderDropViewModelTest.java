package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.BucketInfo;
import io.obitox.sync.ConflictChoice;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.TestApp;
import io.obitox.transfer.TransferService;
import io.obitox.upload.FolderDrop;
import io.obitox.validation.NameRules;
import io.obitox.validation.ValidationCode;
import io.obitox.validation.ValidationIssue;
import io.obitox.validation.ValidationPolicy;
import io.obitox.validation.ValidationResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files dropped onto the bucket browser, without a toolkit (same-thread tasks): what the view model hands its uploader
 * (the profile, bucket and folder shown), when it hands nothing, and what the browser's status line says about the
 * outcome, in English and in German. The uploader is a recording stand-in: checking and queueing are tested with
 * {@link FolderDrop}.
 */
class FolderDropViewModelTest {
    private final UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
    private final SimpleObjectProperty<BucketInfo> bucket = new SimpleObjectProperty<>();
    private final SimpleStringProperty prefix = new SimpleStringProperty("");
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty();
    /** What the status line was told: "ERROR " or "INFO " and the text. */
    private final List<String> said = new ArrayList<>();
    /** What the uploader was asked: profile, bucket, prefix and the files. */
    private final List<String> asked = new ArrayList<>();

    private TestApp app;
    private ProfileSelection selection;
    private StorageProfile sandbox;

    @BeforeEach
    void setUp() {
        app = TestApp.create("folder-drop-vm");
        selection = new ProfileSelection(app.context().profiles(), tasks);
        sandbox = app.context().profiles().list().get(0);
        selection.set(app.context().profiles().list(), Optional.of(sandbox));
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private FolderDropViewModel vm(Messages messages) {
        return new FolderDropViewModel(
                tasks,
                selection,
                bucket,
                prefix,
                busy,
                (error, text) -> said.add((error ? "ERROR " : "INFO ") + text),
                messages);
    }

    /** An uploader that records what it is asked and answers {@code result}. */
    private FolderDropViewModel.DropUploader answering(FolderDrop.Result result) {
        return (p, b, under, files) -> {
            asked.add(p.name() + " " + b + " '" + under + "' " + files);
            assertThat(busy.get()).as("busy while checking").isTrue();
            return result;
        };
    }

    private static FolderDrop.Result queued(int n, int skipped, int excluded, ConflictChoice choice) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("t-" + i);
        }
        return new FolderDrop.Result(ids, skipped, excluded, choice, List.of(), null);
    }

    private static ValidationResult rejected(String name) {
        return rejected(name, ValidationIssue.of(ValidationCode.DANGEROUS_TYPE, "Programs are not allowed."));
    }

    /** Rejected for what the validator says of its name under the default policy (a reason from the bundle). */
    private static ValidationResult rejectedByName(String name) {
        return rejected(
                name,
                NameRules.check(name, ValidationPolicy.ANYTHING_BUT_EXECUTABLES).orElseThrow());
    }

    private static ValidationResult rejected(String name, ValidationIssue issue) {
        return new ValidationResult(
                Path.of("/in/" + name), name, 10, null, null, null, name, null, issue, List.of(), null);
    }

    @Test
    void withoutABucketOrAnUploaderNothingIsAskedOrSaid() {
        FolderDropViewModel vm = vm(Messages.english());
        List<Path> files = List.of(Path.of("/in/a.jpg"));
        vm.drop(files); // no uploader, no bucket
        assertThat(vm.availableProperty().get()).isFalse();

        vm.setUploader(answering(queued(1, 0, 0, ConflictChoice.SKIP_IDENTICAL)));
        assertThat(vm.availableProperty().get()).as("no bucket open").isFalse();
        vm.drop(files);
        bucket.set(new BucketInfo("photos", Instant.now()));
        assertThat(vm.availableProperty().get()).isTrue();
        vm.drop(List.of()); // nothing dropped
        assertThat(asked).isEmpty();
        assertThat(said).isEmpty();
    }

    @Test
    void theFilesGoIntoTheFolderShownAndTheLineSaysWhereToFollowThem() {
        FolderDropViewModel vm = vm(Messages.english());
        vm.setUploader(answering(queued(2, 0, 0, ConflictChoice.SKIP_IDENTICAL)));
        bucket.set(new BucketInfo("photos", Instant.now()));
        prefix.set("2026/may/");

        vm.drop(List.of(Path.of("/in/a.jpg"), Path.of("/in/b.jpg")));

        assertThat(asked).containsExactly(sandbox.name() + " photos '2026/may/' [/in/a.jpg, /in/b.jpg]");
        assertThat(said)
                .containsExactly(
                        "INFO Checking 2 dropped item(s) for s3://photos/2026/may/ …",
                        "INFO 2 file(s) queued for s3://photos/2026/may/ — follow them under Transfers.");
        assertThat(busy.get()).isFalse();
    }

    @Test
    void skippedExcludedAndRejectedFilesAreNamedAndARejectionIsAnError() {
        FolderDropViewModel vm = vm(Messages.english());
        bucket.set(new BucketInfo("photos", Instant.now()));
        vm.setUploader(answering(new FolderDrop.Result(
                List.of("t-1"), 2, 1, ConflictChoice.ASK, List.of(rejected("run.exe"), rejected("x.bat")), null)));

        vm.drop(List.of(Path.of("/in")));

        assertThat(said)
                .last()
                .isEqualTo("ERROR 1 file(s) queued for s3://photos/ — follow them under Transfers."
                        + " 2 skipped: already there (if exists: Ask, and there is no one to ask on a drop; Settings)."
                        + " 1 left out by the exclude rules."
                        + " 2 rejected, e.g. run.exe: Programs are not allowed.");

        vm.setUploader(answering(queued(0, 3, 0, ConflictChoice.SKIP_IDENTICAL)));
        vm.drop(List.of(Path.of("/in")));
        assertThat(said)
                .last()
                .isEqualTo("INFO 0 file(s) queued for s3://photos/ — follow them under Transfers."
                        + " 3 skipped: already there (if exists: Skip identical; Settings).");
    }

    @Test
    void aRefusedBatchSaysThatNothingWasSentAndWhy() {
        FolderDropViewModel vm = vm(Messages.english());
        bucket.set(new BucketInfo("photos", Instant.now()));
        UserMessage reason = UserMessage.of("BUCKET_MISSING", TextRef.of("svc.s3.bucketMissing"), null);
        vm.setUploader(answering(new FolderDrop.Result(
                List.of(),
                0,
                0,
                ConflictChoice.SKIP_IDENTICAL,
                List.of(),
                new TransferService.Refusal("Sandbox", "photos", reason, List.of("t-1")))));

        vm.drop(List.of(Path.of("/in/a.jpg")));

        assertThat(said).last().isEqualTo("ERROR Nothing was sent to s3://photos/: The bucket does not exist.");
    }

    @Test
    void aFailedCheckIsAnErrorInPlainWords() {
        FolderDropViewModel vm = vm(Messages.english());
        bucket.set(new BucketInfo("photos", Instant.now()));
        vm.setUploader((p, b, under, files) -> {
            throw new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/in/gone.jpg"));
        });

        vm.drop(List.of(Path.of("/in/gone.jpg")));

        assertThat(said)
                .last()
                .isEqualTo(
                        "ERROR File not found: /in/gone.jpg. Check that the file still exists and the path is right.");
        assertThat(busy.get()).isFalse();
    }

    @Test
    void inGermanTheLineIsGermanWithTheChoiceAsTheSettingsShowIt() {
        Messages german = Messages.of(Locale.GERMAN);
        FolderDropViewModel vm = vm(german);
        bucket.set(new BucketInfo("photos", Instant.now()));
        vm.setUploader(answering(new FolderDrop.Result(
                List.of("t-1", "t-2"), 1, 1, ConflictChoice.SKIP_IDENTICAL, List.of(rejectedByName("run.exe")), null)));

        vm.drop(List.of(Path.of("/in")));

        assertThat(said)
                .containsExactly(
                        "INFO 1 abgelegte(s) Element(e) für s3://photos/ werden geprüft …",
                        "ERROR 2 Datei(en) für s3://photos/ eingereiht – verfolgen Sie sie unter Übertragungen."
                                + " 1 übersprungen: bereits vorhanden (wenn vorhanden: „Gleiche überspringen“;"
                                + " Einstellungen). 1 durch die Ausschlussregeln ausgelassen."
                                + " 1 abgelehnt, z. B. run.exe: Dateien mit „.exe“ sind Programme oder Skripte;"
                                + " die Richtlinie „Ohne Programme“ sperrt sie.");

        vm.setUploader((p, b, under, files) -> {
            throw new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/in/gone.jpg"));
        });
        vm.drop(List.of(Path.of("/in/gone.jpg")));
        assertThat(said).last().asString().startsWith("ERROR Datei nicht gefunden: /in/gone.jpg.");
    }
}
