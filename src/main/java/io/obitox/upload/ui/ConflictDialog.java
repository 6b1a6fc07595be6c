package io.obitox.upload.ui;

import io.obitox.common.Sizes;
import io.obitox.sync.ConflictPolicy;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The question of policy "ask" for one changed file: overwrite, skip or keep both (rename), with "do this for all".
 * Keyboard: Alt+O / Alt+S / Alt+K / Alt+D, Enter skips (the answer that changes nothing), Escape cancels the upload.
 * Modal; FX thread.
 */
final class ConflictDialog {
    private ConflictDialog() {}

    static UploadPlanViewModel.Answer ask(Window owner, ReadyFile file, int conflictsLeft) {
        ButtonType overwrite = new ButtonType("_Overwrite", ButtonBar.ButtonData.OTHER);
        ButtonType keepBoth = new ButtonType("_Keep both", ButtonBar.ButtonData.OTHER);
        ButtonType skip = new ButtonType("_Skip", ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Cancel upload", ButtonBar.ButtonData.CANCEL_CLOSE);
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("File exists");
        d.setHeaderText("“" + file.objectKey() + "” already exists in the bucket, with other content.");
        Label detail = new Label("Your file: " + file.relativePath() + " (" + Sizes.bytes(file.size()) + ").\n"
                + "Overwrite replaces the object; Skip leaves it as it is; Keep both uploads yours beside it as "
                + "“name (1).ext”.");
        detail.setWrapText(true);
        detail.setMaxWidth(460);
        CheckBox forAll = new CheckBox("_Do this for the " + conflictsLeft + " changed files left");
        forAll.setMnemonicParsing(true);
        forAll.setId("conflictForAll");
        forAll.setVisible(conflictsLeft > 1);
        forAll.setManaged(conflictsLeft > 1);
        d.getDialogPane().setContent(new VBox(12, detail, forAll));
        d.getDialogPane().getButtonTypes().setAll(overwrite, keepBoth, skip, cancel);
        d.getDialogPane().setId("conflictDialog");
        d.getDialogPane().lookupButton(overwrite).setId("conflictOverwrite");
        d.getDialogPane().lookupButton(keepBoth).setId("conflictKeepBoth");
        d.getDialogPane().lookupButton(skip).setId("conflictSkip");
        d.getDialogPane().lookupButton(cancel).setId("conflictCancel");
        if (owner != null) {
            d.initOwner(owner);
        }
        ButtonType answer = d.showAndWait().orElse(cancel);
        if (answer == cancel) {
            return null;
        }
        ConflictPolicy p = answer == overwrite
                ? ConflictPolicy.OVERWRITE
                : answer == keepBoth ? ConflictPolicy.RENAME : ConflictPolicy.SKIP;
        return new UploadPlanViewModel.Answer(p, forAll.isSelected());
    }
}
