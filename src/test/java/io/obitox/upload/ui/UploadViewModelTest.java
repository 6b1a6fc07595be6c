package io.obitox.upload.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.validation.Corpus;
import io.obitox.validation.ValidationCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Upload view model without a toolkit: a dropped folder checked, keyed under a prefix and queued. */
class UploadViewModelTest {
    private UploadVmRig rig;
    private UploadViewModel vm;
    private Path trip;

    @BeforeEach
    void setUp() throws Exception {
        rig = new UploadVmRig("upload-vm");
        vm = rig.vm;
        trip = Files.createDirectories(rig.app.dir().resolve("drop/trip"));
        Files.writeString(trip.resolve("notes.txt"), "hello\n");
        Files.writeString(trip.resolve("rows.csv"), "a,b\n1,2\n");
        Files.write(trip.resolve("beach.png"), Corpus.png());
        Files.writeString(trip.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    @Test
    void theTargetIsTheDefaultProfilesBucket() {
        assertThat(vm.bucketNames()).contains("sandbox");
        assertThat(vm.bucketProperty().get()).isEqualTo("sandbox");
        assertThat(vm.policyProperty().get()).isNotNull();
        assertThat(vm.uploadLabel()).isEqualTo("Upload");
        assertThat(vm.canUploadProperty().get()).as("nothing dropped").isFalse();
    }

    @Test
    void aDroppedFolderIsCheckedKeyedUnderThePrefixAndQueued() throws Exception {
        vm.add(List.of(trip));
        rig.checked();

        assertThat(vm.ready())
                .extracting(ReadyFile::objectKey)
                .containsExactlyInAnyOrder("trip/beach.png", "trip/notes.txt", "trip/rows.csv");
        assertThat(vm.rejected()).singleElement().satisfies(r -> {
            assertThat(r.path().getFileName()).hasToString("run.sh");
            assertThat(r.error().code()).isEqualTo(ValidationCode.DANGEROUS_TYPE);
        });
        long bytes = Files.size(trip.resolve("notes.txt"))
                + Files.size(trip.resolve("rows.csv"))
                + Files.size(trip.resolve("beach.png"));
        assertThat(vm.uploadLabel()).startsWith("Upload 3 files (").contains(bytes + " B");
        assertThat(vm.progressProperty().get()).startsWith("Checked 4 of 4 file(s): 3 ready, 1 rejected");

        vm.add(List.of(trip));
        assertThat(vm.statusProperty().get()).isEqualTo("Those files are in the list already.");

        // the keys are made again (in the background in the app; at once with same-thread tasks)
        vm.prefixProperty().set("/holiday//2026");
        assertThat(vm.ready())
                .extracting(ReadyFile::objectKey)
                .containsExactlyInAnyOrder(
                        "holiday/2026/trip/beach.png", "holiday/2026/trip/notes.txt", "holiday/2026/trip/rows.csv");
        assertThat(vm.canUploadProperty().get()).isTrue();

        vm.upload();
        assertThat(vm.errorProperty().get()).as(vm.statusProperty().get()).isFalse();
        assertThat(vm.statusProperty().get())
                .isEqualTo("3 file(s) queued for s3://sandbox/holiday/2026/ — follow them under Transfers.");
        assertThat(vm.ready()).isEmpty();
        assertThat(vm.rejected()).as("rejected files stay to be read").hasSize(1);
        assertThat(rig.app.context().transfers().recent(10))
                .extracting(TransferSnapshot::key)
                .containsExactlyInAnyOrder(
                        "holiday/2026/trip/beach.png", "holiday/2026/trip/notes.txt", "holiday/2026/trip/rows.csv");
    }

    @Test
    void withoutABucketNothingIsSentAndClearEmptiesBothLists() throws Exception {
        vm.add(List.of(trip));
        rig.checked();
        vm.bucketProperty().set(" ");
        vm.upload();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo("Choose the storage and the bucket to upload to.");
        assertThat(rig.app.context().transfers().recent(10)).isEmpty();
        vm.useMessages(Messages.of(Locale.GERMAN)); // the view gives the app's language
        vm.upload();
        assertThat(vm.statusProperty().get())
                .isEqualTo("Wählen Sie den Speicher und den Bucket, in den hochgeladen werden soll.");

        // the reason of the rejected script and the check's line, as the German view shows them
        assertThat(Verdicts.reason(vm.rejected().get(0), Messages.english()))
                .isEqualTo(vm.rejected().get(0).error().message())
                .isEqualTo("'.sh' files are programs or scripts; the policy 'Anything but executables' blocks them.");
        assertThat(Verdicts.reason(vm.rejected().get(0), Messages.of(Locale.GERMAN)))
                .isEqualTo(
                        "Dateien mit „.sh“ sind Programme oder Skripte; die Richtlinie „Ohne Programme“ sperrt sie.");
        vm.add(List.of(trip));
        assertThat(vm.statusProperty().get()).isEqualTo("Diese Dateien sind schon in der Liste.");
        vm.clear();
        vm.add(List.of(trip));
        rig.checked();
        assertThat(vm.progressProperty().get()).isEqualTo("4 von 4 Datei(en) geprüft: 3 bereit, 1 abgelehnt");

        vm.clear();
        assertThat(vm.ready()).isEmpty();
        assertThat(vm.rejected()).isEmpty();
        assertThat(vm.statusProperty().get()).isEmpty();
        assertThat(vm.uploadLabel()).isEqualTo("Hochladen"); // the button follows the language too
    }
}
