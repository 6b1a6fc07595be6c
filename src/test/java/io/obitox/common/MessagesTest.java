package io.obitox.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.obitox.app.ui.Section;
import io.obitox.storage.Provider;
import io.obitox.sync.ConflictChoice;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.ui.StateFilter;
import io.obitox.validation.ValidationPolicy;
import io.obitox.watch.Watch;
import io.obitox.watch.WatchLedger;
import io.obitox.watch.WatchState;
import io.obitox.watch.ui.WatchFoldersViewModel;
import io.obitox.webhook.ui.ReplaySince;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The message files: complete in every language, the same arguments, and each key used by the code or an FXML. */
class MessagesTest {
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[,}]");
    private static final Pattern FXML_KEY = Pattern.compile("=\"%([^\"]+)\"");
    private static final Pattern JAVA_KEY = Pattern.compile("\"([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+)\"");
    /** A key looked up in Java: {@code messages.get("key"}, the name every class gives its {@link Messages}. */
    private static final Pattern JAVA_LOOKUP = Pattern.compile("messages\\.get\\(\\s*\"([^\"]+)\"\\s*[,)]");

    private static Properties file(String language) throws IOException {
        String name = "/io/obitox/messages" + (language.equals("en") ? "" : "_" + language) + ".properties";
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<Integer> arguments(String pattern) {
        Set<Integer> args = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            args.add(Integer.parseInt(m.group(1)));
        }
        return args;
    }

    @Test
    void everyLanguageHasEveryKeyWithTheSameArgumentsAndNoEmptyText() throws IOException {
        Properties english = file("en");
        assertThat(english).isNotEmpty();
        for (String language : Messages.LANGUAGES) {
            Properties other = file(language);
            assertThat(other.stringPropertyNames())
                    .as("keys of " + language)
                    .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
            for (String key : other.stringPropertyNames()) {
                String text = other.getProperty(key);
                assertThat(text.strip()).as(language + " " + key).isNotEmpty();
                assertThat(arguments(text))
                        .as(language + " " + key + " arguments")
                        .isEqualTo(arguments(english.getProperty(key)));
                if (!arguments(text).isEmpty()) {
                    assertThatCode(() -> new MessageFormat(text))
                            .as(language + " " + key)
                            .doesNotThrowAnyException();
                    // MessageFormat drops a lone apostrophe and quotes what follows it
                    assertThat(text.replace("''", ""))
                            .as(language + " " + key + ": write an apostrophe as '' in a text with arguments")
                            .doesNotContain("'");
                }
            }
        }
    }

    @Test
    void germanIsReadAsUtf8() {
        Messages german = Messages.of(Locale.GERMAN);
        List<String> texts = german.bundle().keySet().stream().map(german::get).toList();
        assertThat(texts).noneMatch(t -> t.contains("Ã") || t.contains("\uFFFD"));
        assertThat(texts).anyMatch(t -> t.chars().anyMatch(c -> "äöüÄÖÜß".indexOf(c) >= 0));
    }

    @Test
    void theSettingChoosesTheLanguageAndSystemFollowsTheOs() {
        Locale german = Locale.GERMANY;
        Locale french = Locale.FRANCE;
        assertThat(Messages.forSetting("system", german).locale().getLanguage()).isEqualTo("de");
        assertThat(Messages.forSetting(null, german).locale().getLanguage()).isEqualTo("de");
        assertThat(Messages.forSetting("system", french).locale().getLanguage()).isEqualTo("en");
        assertThat(Messages.forSetting("en", german).locale().getLanguage()).isEqualTo("en");
        assertThat(Messages.forSetting("de", Locale.US).locale().getLanguage()).isEqualTo("de");
        assertThat(Messages.forSetting("klingon", german).locale().getLanguage())
                .isEqualTo("de");
        // English chosen on a German machine shows the base file, not the JVM's default locale's
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(german);
            Messages english = Messages.forSetting("en", german);
            assertThat(english.get("section.settings"))
                    .isEqualTo(Messages.english().get("section.settings"))
                    .isNotEqualTo(Messages.of(german).get("section.settings"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void argumentsAreFilledInAndATextWithoutArgumentsStaysAsWritten() throws IOException {
        Messages english = Messages.english();
        String pattern = file("en").getProperty("settings.browserUsed");
        assertThat(english.get("settings.browserUsed", "/usr/bin/chromium"))
                .isEqualTo(pattern.replace("{0}", "/usr/bin/chromium"));
        assertThat(english.get("settings.changeTheAppHome"))
                .isEqualTo(file("en").getProperty("settings.changeTheAppHome"));
    }

    /** Keys the code builds from a name rather than writing them out. */
    private static Set<String> builtKeys() {
        Set<String> keys = new HashSet<>();
        for (Section s : Section.values()) {
            keys.add(s.titleKey());
        }
        for (ReplaySince s : ReplaySince.values()) {
            keys.add("webhooks.since." + lower(s));
        }
        for (WatchState s : WatchState.values()) {
            keys.add("watch.state." + lower(s));
        }
        for (WatchLedger.Outcome o : WatchLedger.Outcome.values()) {
            keys.add("watch.outcome." + lower(o));
        }
        for (Watch.AfterUpload a : Watch.AfterUpload.values()) {
            keys.add("watch.after." + a.cliName());
        }
        for (StateFilter f : StateFilter.values()) {
            keys.add(f.key());
        }
        for (ConflictChoice c : ConflictChoice.values()) {
            keys.add("conflictChoice." + c.name()); // EnumLabels in the if-exists pickers
        }
        for (TransferState s : TransferState.values()) {
            keys.add("transfers.state." + lower(s));
        }
        for (Provider p : Provider.values()) {
            keys.add(p.nameText().key()); // the provider's name in views
            if (p.hintText() != null) {
                keys.add(p.hintText().key()); // its hint in the Profiles view
            }
        }
        for (ValidationPolicy p : ValidationPolicy.PRESETS) {
            keys.add(p.nameText().key()); // a built-in policy's name in the Upload view
        }
        for (String choice : WatchFoldersViewModel.IF_EXISTS) {
            keys.add("watch.ifExists." + choice);
        }
        return keys;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Test
    void everyKeyIsUsedAndEveryKeyUsedExists() throws IOException {
        Set<String> defined = file("en").stringPropertyNames();
        Set<String> used = new HashSet<>(builtKeys());
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".fxml")) {
                    Matcher m = FXML_KEY.matcher(Files.readString(f));
                    while (m.find()) {
                        used.add(m.group(1));
                        if (!defined.contains(m.group(1))) {
                            missing.add(f.getFileName() + ": %" + m.group(1));
                        }
                    }
                } else if (name.endsWith(".java")) {
                    String code = Files.readString(f);
                    Matcher m = JAVA_KEY.matcher(code);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                    Matcher lookup = JAVA_LOOKUP.matcher(code);
                    while (lookup.find()) {
                        if (!defined.contains(lookup.group(1))) {
                            missing.add(f.getFileName() + ": " + lookup.group(1));
                        }
                    }
                }
            }
        }
        assertThat(missing).as("keys used in FXML or code but not defined").isEmpty();
        Set<String> unused = new TreeSet<>(defined);
        unused.removeAll(used);
        assertThat(unused).as("keys no FXML or class uses").isEmpty();
        assertThat(builtKeys()).isSubsetOf(defined);
    }
}
