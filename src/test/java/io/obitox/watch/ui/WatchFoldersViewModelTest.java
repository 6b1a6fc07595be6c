package io.obitox.watch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.StorageProfile;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.TestApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watch folders form without a toolkit: same-thread tasks, watches stored in H2 and run against the embedded
 * sandbox storage, the file manager a recording stand-in. Refusals and failures are said on the status line.
 */
class WatchFoldersViewModelTest {
    private TestApp app;
    private WatchFoldersViewModel vm;
    private StorageProfile sandbox;
    private Path folder;
    private final List<Path> opened = new ArrayList<>();
    private boolean openerFails;

    @BeforeEach
    void setUp() throws IOException {
        app = TestApp.create("watch-vm");
        sandbox = app.context().profiles().list().get(0);
        folder = Files.createDirectories(app.dir().resolve("inbox"));
        UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
        vm = new WatchFoldersViewModel(
                app.context().watches(),
                tasks,
                f -> {
                    if (openerFails) {
                        throw new IOException("no file manager");
                    }
                    opened.add(f);
                },
                Messages.english());
    }

    @AfterEach
    void tearDown() {
        vm.deactivate();
        app.close();
    }

    private void fillIn() {
        vm.profileProperty().set(sandbox);
        vm.folderProperty().set(folder.toString());
        vm.bucketProperty().set("sandbox");
        vm.prefixProperty().set("inbox/");
    }

    @Test
    void anIncompleteFormIsRefusedAsAnError() {
        vm.save();
        assertThat(vm.statusProperty().get()).isEqualTo("Choose a folder and a profile first.");

        fillIn();
        vm.settleSecondsProperty().set("soon");
        vm.save();
        assertThat(vm.statusProperty().get()).isEqualTo("The settle time is a number of seconds, e.g. 3.");
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void aBucketTheStorageDoesNotHaveIsRefusedOnTheStatusLine() {
        fillIn();
        vm.bucketProperty().set("no-such-bucket");
        vm.save();
        assertThat(vm.statusProperty().get()).contains("'no-such-bucket' does not exist");
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.folderProperty().get()).as("the form is kept to correct").isEqualTo(folder.toString());

        vm.bucketProperty().set("sandbox");
        vm.save();
        vm.refresh();
        vm.edit(vm.rows().get(0));
        vm.bucketProperty().set("gone-bucket"); // an edit to a bucket the storage does not have: refused as well
        vm.save();
        assertThat(vm.statusProperty().get()).contains("'gone-bucket' does not exist");
        vm.refresh();
        assertThat(vm.rows())
                .singleElement()
                .satisfies(r -> assertThat(r.destination()).contains("sandbox").doesNotContain("gone-bucket"));
    }

    @Test
    void aSavedWatchIsListedAndTheFormIsCleared() {
        fillIn();
        vm.save();

        assertThat(vm.statusProperty().get()).startsWith("Watching " + folder + " → ");
        assertThat(vm.folderProperty().get()).isEmpty();
        assertThat(vm.settleSecondsProperty().get()).isEqualTo("3");
        vm.refresh();
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.folder()).isEqualTo(folder.toString());
            assertThat(r.destination()).contains("sandbox");
        });
    }

    @Test
    void aRefreshThatFindsNothingNewLeavesTheRowsAlone() throws InterruptedException {
        fillIn();
        vm.save();
        vm.refresh();
        // the new watch starts (stopped, scanning, watching an empty folder): wait until two reads agree
        java.util.List<WatchRow> last = java.util.List.of();
        for (int i = 0;
                i < 100 && !(vm.rows().equals(last) && vm.rows().get(0).state().startsWith("watching"));
                i++) {
            last = java.util.List.copyOf(vm.rows());
            Thread.sleep(100);
            vm.refresh();
        }
        assertThat(vm.rows())
                .singleElement()
                .satisfies(r -> assertThat(r.state()).startsWith("watching"));
        java.util.List<String> changes = new java.util.ArrayList<>();
        vm.rows().addListener((javafx.collections.ListChangeListener<WatchRow>) c -> changes.add(c.toString()));

        vm.refresh();
        vm.refresh();
        assertThat(changes).as("the once-a-second refresh of an unchanged list").isEmpty();

        vm.edit(vm.rows().get(0));
        vm.prefixProperty().set("other/");
        vm.save();
        vm.refresh();
        assertThat(changes).as("a changed watch is followed").isNotEmpty();
        assertThat(vm.rows())
                .singleElement()
                .satisfies(r -> assertThat(r.destination()).contains("other/"));
    }

    @Test
    void editingFillsTheFormAndSavingStoresTheChange() {
        fillIn();
        vm.save();
        vm.refresh();
        WatchRow row = vm.rows().get(0);

        vm.edit(row);
        assertThat(vm.editingProperty().get()).isNotNull();
        assertThat(vm.folderProperty().get()).isEqualTo(folder.toString());
        assertThat(vm.prefixProperty().get()).isEqualTo("inbox/");
        assertThat(vm.statusProperty().get()).startsWith("Editing the watch of ");

        vm.settleSecondsProperty().set("1.5");
        vm.save();
        assertThat(vm.statusProperty().get()).startsWith("Saved: ");
        assertThat(vm.editingProperty().get()).isNull();

        vm.edit(vm.rows().get(0));
        assertThat(vm.settleSecondsProperty().get()).isEqualTo("1.5");
        vm.cancelEdit();
        assertThat(vm.editingProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).isEmpty();
    }

    @Test
    void removingKeepsTheFolderAndOpeningAFolderThatCannotOpenSaysHow() {
        fillIn();
        vm.save();
        vm.refresh();
        WatchRow row = vm.rows().get(0);

        vm.openFolder(row);
        assertThat(opened).containsExactly(folder);
        assertThat(vm.statusProperty().get()).isEqualTo("Opened " + folder + " in the file manager.");

        openerFails = true;
        vm.openFolder(row);
        assertThat(vm.statusProperty().get()).startsWith("Could not open " + folder + " (no file manager).");

        vm.remove(row);
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.statusProperty().get()).startsWith("Removed the watch of " + folder);
        assertThat(folder).isDirectory();
    }
}
