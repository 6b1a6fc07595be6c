package io.obitox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.cors.BrowserLocator;
import io.obitox.cors.BrowserProof;
import io.obitox.cors.BucketCorsFake;
import io.obitox.cors.CorsChange;
import io.obitox.cors.CorsCheck;
import io.obitox.cors.CorsConfig;
import io.obitox.cors.CorsHistoryRepository;
import io.obitox.cors.ui.CorsWizardDialog;
import io.obitox.cors.ui.CorsWizardState;
import io.obitox.profile.ConnectionCheck;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.testing.FxApp;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestProfiles;
import io.obitox.validation.Corpus;
import io.obitox.validation.Programs;
import io.obitox.validation.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Cell;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens every view in German (the setting {@code ui.language=de}) and fails on a text that is a raw {@code %key} or a
 * key's name, on a text of the bundle still in English, and on a label or button whose text is cut with an ellipsis.
 * Writes one screenshot per view to {@code docs/screenshots/de}, beside the English ones of {@link ScreenshotTest}.
 */
@ExtendWith(ApplicationExtension.class)
class GermanViewsTest {
    private static final Messages ENGLISH = Messages.english();
    private static final Messages GERMAN = Messages.of(Locale.GERMAN);

    private static TestApp app;
    private Stage stage;
    private ViewFactory views;

    @BeforeAll
    static void createApp() {
        app = TestApp.create("german-views");
        app.context().settings().put(Messages.SETTING, "de");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        views = FxApp.show(app, stage);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void everyViewIsGermanWithNothingCut(FxRobot robot) throws Exception {
        assertThat(views.messages().locale().getLanguage()).isEqualTo("de");
        List<String> problems = new ArrayList<>();
        for (Section s : Section.values()) {
            robot.clickOn("#" + s.navId());
            FxApp.waitUntil(
                    s.name() + " shown",
                    10,
                    () -> robot.lookup("#" + s.navId()).tryQuery().isPresent());
            problems.addAll(check(robot, stage.getScene().getRoot(), s.name()));
            shoot(robot, stage, "section-" + s.name().toLowerCase(Locale.ROOT));
        }
        // the Buckets view's second tab
        robot.clickOn("#nav-buckets");
        robot.clickOn(GERMAN.get("buckets.incompleteUploadsTab"));
        problems.addAll(check(robot, stage.getScene().getRoot(), "BUCKETS/incomplete"));
        shoot(robot, stage, "buckets-incomplete-uploads");

        StorageProfile sandbox = app.context().profiles().defaultProfile().orElseThrow();
        Stage wizard = corsWizard(robot, sandbox, "sandbox", CorsWizardState.Mode.SETUP);
        problems.addAll(check(robot, wizard.getScene().getRoot(), "CORS wizard"));
        shoot(robot, wizard, "cors-wizard-1-bucket");
        robot.interact(wizard::close);

        assertThat(problems).as("German views").isEmpty();
    }

    /**
     * The CORS wizard's check step (audit and live checks, then the browser proof) and its history and restore review,
     * in German, against a storage that keeps CORS per bucket ({@link BucketCorsFake}: no RGW needed).
     */
    @Test
    void corsCheckBrowserProofAndHistoryAreGerman(FxRobot robot) throws Exception {
        List<String> origins = List.of("http://localhost:3000", "https://app.example.com");
        List<String> problems = new ArrayList<>();
        try (BucketCorsFake storage = new BucketCorsFake("uploads", origins)) {
            StorageProfile lab =
                    app.addProfile("Labor-Ceph", Provider.CEPH, storage.server(), storage.endpoint(), null);
            try {
                S3Target target = app.context().profiles().target(lab);
                CorsConfig now = BucketCorsFake.configuration(origins);
                CorsConfig before = new CorsConfig(now.rules().subList(0, 1));
                String endpoint = target.where().replaceAll("/$", "");
                CorsHistoryRepository history =
                        new CorsHistoryRepository(app.context().database());
                Instant at = Instant.parse("2026-03-02T09:15:00Z");
                CorsChange setup = history.record(
                        lab.name(), endpoint, "uploads", at, CorsChange.Action.SETUP, CorsConfig.NONE, before, null);
                history.record(
                        lab.name(),
                        endpoint,
                        "uploads",
                        at.plusSeconds(600),
                        CorsChange.Action.SETUP,
                        before,
                        now,
                        null);

                // check: the audit of the bucket's rules and the live checks, then the browser proof
                Stage check = corsWizard(robot, lab, "uploads", CorsWizardState.Mode.CHECK);
                next(robot);
                next(robot);
                waitForChecks(robot);
                problems.addAll(checkCors(robot, check, "CORS check"));
                shoot(robot, check, "cors-wizard-5-check");
                if (new BrowserLocator(Optional::empty).locate().found()) {
                    robot.clickOn("#browserCheck");
                    FxApp.waitUntil(
                            "browser proof",
                            90,
                            () -> checks(robot).stream().anyMatch(c -> c.name().equals(BrowserProof.CLEANUP)));
                    waitForChecks(robot);
                    problems.addAll(checkCors(robot, check, "CORS browser proof"));
                    robot.interact(() -> lookup(robot, "#corsCheckList", ListView.class)
                            .scrollTo(checks(robot).size() - 1));
                    shoot(robot, check, "cors-wizard-9-browser-proof");
                }
                robot.interact(check::close);

                // history: the two changes, undo of the first; then the review of that restore
                Stage restore = corsWizard(robot, lab, "uploads", CorsWizardState.Mode.HISTORY);
                next(robot);
                FxApp.waitUntil(
                        "history",
                        20,
                        () -> !lookup(robot, "#historyList", ListView.class)
                                .getItems()
                                .isEmpty());
                robot.interact(() -> lookup(robot, "#historyList", ListView.class)
                        .getSelectionModel()
                        .select(setup));
                robot.clickOn("#restoreAfter");
                problems.addAll(check(robot, restore.getScene().getRoot(), "CORS history"));
                assertThat(robot.lookup("#historyList .list-cell").queryAllAs(Labeled.class).stream()
                                .map(Labeled::getText)
                                .filter(t -> t != null && !t.isEmpty()))
                        .as("history rows")
                        .anyMatch(t -> t.endsWith("Einrichtung: keine → 1 Regel"))
                        .anyMatch(t -> t.endsWith("Einrichtung: 1 Regel → 2 Regeln"));
                shoot(robot, restore, "cors-wizard-6-history");
                next(robot);
                FxApp.waitUntil(
                        "restore review",
                        20,
                        () -> lookup(robot, "#reviewSummary", Labeled.class)
                                .getText()
                                .contains("Regel"));
                assertThat(lookup(robot, "#reviewSummary", Labeled.class).getText())
                        .contains("Entfernt die Upload-Regel „obitox-browser-uploads“");
                problems.addAll(check(robot, restore.getScene().getRoot(), "CORS restore review"));
                shoot(robot, restore, "cors-wizard-7-restore-review");
                robot.interact(restore::close);
            } finally {
                app.context().profiles().remove(lab.id());
            }
        }
        assertThat(problems).as("German CORS steps").isEmpty();
    }

    private Stage corsWizard(FxRobot robot, StorageProfile profile, String bucket, CorsWizardState.Mode mode) {
        CorsWizardDialog dialog = new CorsWizardDialog(
                app.context().cors(),
                app.context().buckets(),
                app.context().profiles(),
                new io.obitox.common.ui.UiTasks(app.context().background()),
                views.selection().profiles(),
                views.messages());
        Stage[] wizard = new Stage[1];
        robot.interact(() -> wizard[0] = dialog.show(stage, profile, bucket, mode));
        FxApp.waitUntil("CORS wizard", 10, () -> wizard[0].isShowing());
        return wizard[0];
    }

    private static <T extends Node> T lookup(FxRobot robot, String id, Class<T> type) {
        return robot.lookup(id).queryAs(type);
    }

    private static void next(FxRobot robot) {
        FxApp.waitUntil(
                "Next enabled",
                30,
                () -> !lookup(robot, "#wizardNext", Button.class).isDisabled());
        robot.clickOn("#wizardNext");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static List<CorsCheck> checks(FxRobot robot) {
        return List.copyOf(lookup(robot, "#corsCheckList", ListView.class).getItems());
    }

    private static void waitForChecks(FxRobot robot) {
        FxApp.waitUntil(
                "check results",
                90,
                () -> !checks(robot).isEmpty()
                        && !lookup(robot, "#verifyAgain", Button.class).isDisabled());
    }

    /**
     * The step's texts as {@link #check} sees them, and every check in the list made from the bundle and shown in
     * German (a check made from plain strings would show its English).
     */
    private static List<String> checkCors(FxRobot robot, Stage wizard, String where) {
        List<String> problems = check(robot, wizard.getScene().getRoot(), where);
        for (CorsCheck c : checks(robot)) {
            if (c.nameText() == null || c.messageText() == null) {
                problems.add(where + ": check without bundle texts: " + c.name());
            } else if (GERMAN.render(c.messageText()).equals(c.message())) {
                problems.add(where + ": English \"" + c.message() + "\" in " + c.name());
            }
        }
        return problems;
    }

    /**
     * The Profiles view after a failed connection test (as the English profiles-wrong-secret.png): the report, its
     * checks and the provider's texts in German. The profile is added for this test only and removed again, so the
     * other screenshots do not show it.
     */
    @Test
    void aFailedConnectionTestIsReportedInGerman(FxRobot robot) throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start()) {
            server.createBucket("photos");
            StorageProfile wrong = TestProfiles.wrongSecret(app, server);
            try {
                robot.interact(() -> views.selection()
                        .set(
                                app.context().profiles().list(),
                                app.context().profiles().defaultProfile()));
                robot.clickOn("#nav-profiles");
                TestProfiles.testConnection(robot, wrong.name(), GERMAN.get("svc.s3.wrongSecret"));
                Label status = robot.lookup("#profileStatus").queryAs(Label.class);
                assertThat(status.getText()).contains(GERMAN.get("svc.s3.wrongSecret.fix"));
                @SuppressWarnings("unchecked")
                ListView<ConnectionCheck> checks = robot.lookup("#checkList").queryAs(ListView.class);
                assertThat(checks.getItems())
                        .extracting(c -> GERMAN.render(c.nameText(), c.name()))
                        .containsExactly("Endpunkt", "Zugangsdaten");
                List<String> problems = check(robot, stage.getScene().getRoot(), "PROFILES/wrong-secret");
                shoot(robot, stage, "profiles-wrong-secret");
                assertThat(problems)
                        .as("German Profiles view after a failed test")
                        .isEmpty();
            } finally {
                app.context().profiles().remove(wrong.id());
            }
        }
    }

    /**
     * The Upload view after a drop with a refused file (a Windows program named .txt): the rejected table's reason,
     * the check line and the titles in German. The drag starts from a label put beside the window for the drop only.
     */
    @Test
    void aRejectedDropIsExplainedInGerman(FxRobot robot) throws Exception {
        Path drop = Files.createDirectories(app.dir().resolve("german-drop"));
        Files.write(drop.resolve("strand.png"), Corpus.png());
        Files.write(drop.resolve("bericht.pdf"), Corpus.pdf());
        Files.writeString(drop.resolve("notizen.txt"), "Sonnencreme einpacken\n");
        Files.write(drop.resolve("rechnung.txt"), Programs.pe(false, false));
        robot.clickOn("#nav-upload");
        FxApp.waitUntil(
                "the sandbox bucket is chosen",
                30,
                () -> "sandbox"
                        .equals(robot.lookup("#uploadBucketBox").queryComboBox().getValue()));
        Parent root = stage.getScene().getRoot();
        Label source = new Label("drag");
        source.setId("germanDragSource");
        source.setOnDragDetected(e -> {
            Dragboard db = source.startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            try (var files = Files.list(drop)) {
                content.putFiles(files.sorted().map(Path::toFile).toList());
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            db.setContent(content);
            e.consume();
        });
        HBox beside = new HBox(source);
        robot.interact(() -> {
            stage.getScene().setRoot(beside);
            beside.getChildren().add(root);
        });
        robot.drag("#germanDragSource").dropTo("#dropZone");
        @SuppressWarnings("unchecked")
        TableView<ValidationResult> rejected = robot.lookup("#rejectedTable").queryAs(TableView.class);
        FxApp.waitUntil(
                "the drop checked",
                30,
                () -> rejected.getItems().size() == 1
                        && robot.lookup("#uploadButton").queryButton().getText().contains("3"));
        robot.interact(() -> {
            beside.getChildren().remove(root);
            stage.getScene().setRoot(root);
            root.relocate(0, 0); // the box had moved it right of the label
        });
        FxApp.waitUntil(
                "the ready files compared with the bucket",
                30,
                () -> robot.lookup("#uploadPlanSummary")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("Verglichen"));
        WaitForAsyncUtils.waitForFxEvents();

        String reason = GERMAN.render(rejected.getItems().get(0).error().text());
        assertThat(reason).startsWith("Das ist ein Programm (").contains("„Ohne Programme“ sperrt Programme");
        assertThat(robot.lookup(reason).tryQuery())
                .as("the reason is shown in the table")
                .isPresent();
        List<String> problems = check(robot, stage.getScene().getRoot(), "UPLOAD/rejected");
        shoot(robot, stage, "upload-rejected");
        robot.interact(() -> robot.lookup("#clearUploadButton").tryQuery().ifPresent(b -> ((Button) b).fire()));
        assertThat(problems).as("German Upload view after a rejected drop").isEmpty();
    }

    private static void shoot(FxRobot robot, Stage stage, String name) throws Exception {
        Path shot = FxApp.screenshot(robot, stage, "de/" + name);
        assertThat(Files.size(shot)).isGreaterThan(5_000);
    }

    /** Everything wrong with the texts shown under {@code root}, one line each. */
    private static List<String> check(FxRobot robot, Parent root, String where) {
        List<String> problems = new ArrayList<>();
        robot.interact(() -> {
            root.applyCss();
            root.layout();
            walk(root, where, problems);
        });
        return problems;
    }

    private static void walk(Node n, String where, List<String> problems) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && !(n instanceof Cell)) {
            text(l.getText(), where, l, problems);
            clipped(l, where, problems);
        }
        if (n instanceof TextInputControl t) {
            text(t.getPromptText(), where, n, problems);
        }
        if (n instanceof ComboBoxBase<?> c) {
            text(c.getPromptText(), where, n, problems);
        }
        if (n instanceof Control c && c.getTooltip() != null) {
            text(c.getTooltip().getText(), where, n, problems);
        }
        if (n instanceof TabPane tp) {
            for (Tab t : tp.getTabs()) {
                text(t.getText(), where, n, problems);
            }
        }
        if (n instanceof TableView<?> tv) {
            for (TableColumnBase<?, ?> c : tv.getColumns()) {
                text(c.getText(), where, n, problems);
            }
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, where, problems);
            }
        }
    }

    private static final Map<String, String> ENGLISH_ONLY = englishOnly();

    /**
     * English texts of the bundle that are no German text of it (mnemonics aside): seen in the German UI, they were
     * not translated.
     */
    private static Map<String, String> englishOnly() {
        Map<String, String> m = new HashMap<>();
        for (String key : ENGLISH.bundle().keySet()) {
            m.put(ENGLISH.get(key).replace("_", ""), key);
        }
        for (String key : GERMAN.bundle().keySet()) {
            m.remove(GERMAN.get(key).replace("_", ""));
        }
        return m;
    }

    /**
     * Nodes whose text is set by classes another change owns right now (UploadViewModel, ProfilesView.java); their
     * strings move to the message files with that change.
     */
    private static final Set<String> NOT_YET_TRANSLATED = Set.of("uploadButton", "formTitle@PROFILES");

    private static void text(String s, String where, Node n, List<String> problems) {
        if (s == null || s.isEmpty()) {
            return;
        }
        if (n.getId() != null
                && (NOT_YET_TRANSLATED.contains(n.getId()) || NOT_YET_TRANSLATED.contains(n.getId() + "@" + where))) {
            return;
        }
        String shown = s.replace("_", "");
        if (s.startsWith("%")) {
            problems.add(where + ": raw key " + s + " on " + describe(n));
        } else if (GERMAN.bundle().containsKey(s)) {
            problems.add(where + ": key name " + s + " on " + describe(n));
        } else if (ENGLISH_ONLY.containsKey(shown)) {
            problems.add(where + ": English \"" + s + "\" (" + ENGLISH_ONLY.get(shown) + ") on " + describe(n));
        }
    }

    /** The skin draws a shortened text with the ellipsis string when the label's text does not fit. */
    private static void clipped(Labeled l, String where, List<String> problems) {
        String text = l.getText();
        if (text == null || text.isEmpty()) {
            return;
        }
        String ellipsis = l.getEllipsisString();
        String whole = l.isMnemonicParsing() ? text.replaceFirst("_(?=.)", "") : text;
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && t.getText() != null) {
                String drawn = t.getText();
                boolean cut = !drawn.equals(whole)
                        && ((!ellipsis.isEmpty() && drawn.endsWith(ellipsis)) || drawn.endsWith("..."));
                if (cut) {
                    problems.add(where + ": cut \"" + drawn + "\" of \"" + text + "\" on " + describe(l));
                }
            }
        }
    }

    private static String describe(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId());
    }
}
