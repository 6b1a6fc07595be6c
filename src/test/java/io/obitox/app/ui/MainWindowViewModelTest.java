package io.obitox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.settings.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class MainWindowViewModelTest {

    @Test
    void filesFromTheDesktopWaitForTheUploadViewInOrderAndOnce() {
        MainWindowViewModel vm = new MainWindowViewModel(new SimpleObjectProperty<>(Theme.LIGHT), "");
        vm.show(Section.BUCKETS);
        Path a = Path.of("/data/a.jpg");
        Path b = Path.of("/data/b.jpg");

        vm.addPendingFiles(List.of(a, b, a));
        vm.addPendingFiles(List.of(b, Path.of("/data/c.jpg")));

        assertThat(vm.pendingFiles()).containsExactly(a, b, Path.of("/data/c.jpg"));
        assertThat(vm.sectionProperty().get()).isEqualTo(Section.UPLOAD);
    }

    @Test
    void theUploadViewTakesTheWaitingFilesAndThenEveryLaterOne() {
        MainWindowViewModel vm = new MainWindowViewModel(new SimpleObjectProperty<>(Theme.LIGHT), "");
        Path a = Path.of("/data/a.jpg");
        Path b = Path.of("/data/b.jpg");
        vm.addPendingFiles(List.of(a));
        List<List<Path>> taken = new ArrayList<>();

        vm.deliverFilesTo(taken::add);
        assertThat(taken).containsExactly(List.of(a));
        assertThat(vm.pendingFiles()).isEmpty();

        vm.show(Section.TRANSFERS);
        vm.addPendingFiles(List.of(b));
        assertThat(taken).containsExactly(List.of(a), List.of(b));
        assertThat(vm.pendingFiles()).isEmpty();
        assertThat(vm.sectionProperty().get()).isEqualTo(Section.UPLOAD);
    }

    @Test
    void noFilesLeaveTheSectionAlone() {
        MainWindowViewModel vm = new MainWindowViewModel(new SimpleObjectProperty<>(Theme.LIGHT), "");
        vm.show(Section.SETTINGS);
        vm.addPendingFiles(List.of());
        assertThat(vm.sectionProperty().get()).isEqualTo(Section.SETTINGS);
        assertThat(vm.pendingFiles()).isEmpty();
    }

    @Test
    void eachFrontRequestIsCounted() {
        MainWindowViewModel vm = new MainWindowViewModel(new SimpleObjectProperty<>(Theme.LIGHT), "");
        long before = vm.frontRequestsProperty().get();
        vm.requestFront();
        vm.requestFront();
        assertThat(vm.frontRequestsProperty().get()).isEqualTo(before + 2);
    }
}
