package io.obitox.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * The texts users read, from {@code io/obitox/messages.properties} and its translations. Built once by the composition
 * root for the chosen language and passed by constructor; the FXML loader gets {@link #bundle()} for its
 * {@code %key}s.
 *
 * <p>A text with arguments is a {@link MessageFormat} pattern (a literal apostrophe is written {@code ''}); a text
 * without arguments is used as it stands, as the FXML loader uses it.
 */
public final class Messages {
    /** The setting {@code ui.language}: {@link #SYSTEM}, or one of {@link #LANGUAGES}. */
    public static final String SETTING = "ui.language";

    public static final String SYSTEM = "system";

    /** The languages with a complete translation; the first is the base file's. */
    public static final List<String> LANGUAGES = List.of("en", "de");

    private static final String BASE = "/io/obitox/messages";

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale, ResourceBundle bundle) {
        this.locale = locale;
        this.bundle = bundle;
    }

    /** English, the base file; what tests and the command line use. Read once: {@link TextRef#english} needs it often. */
    public static Messages english() {
        return English.TEXTS;
    }

    /** Holds English until first use (after {@link #LANGUAGES} is set). */
    private static final class English {
        static final Messages TEXTS = of(Locale.ENGLISH);
    }

    /** The texts for {@code locale}'s language, English where there is no translation. */
    public static Messages of(Locale locale) {
        String language = LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : LANGUAGES.get(0);
        ResourceBundle base = load(BASE + ".properties", null);
        ResourceBundle bundle =
                language.equals(LANGUAGES.get(0)) ? base : load(BASE + "_" + language + ".properties", base);
        return new Messages(Locale.forLanguageTag(language), bundle);
    }

    /**
     * The texts for the setting {@code ui.language}: a language of {@link #LANGUAGES}, or the system's language for
     * {@code system}, an empty or an unknown value.
     */
    public static Messages forSetting(String setting, Locale system) {
        String s = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
        return of(LANGUAGES.contains(s) ? Locale.forLanguageTag(s) : system);
    }

    /**
     * Loaded by hand rather than by {@code ResourceBundle.getBundle}: that one falls back to the JVM's default locale
     * when asked for English, so a German system would show German to a user who chose English.
     */
    private static ResourceBundle load(String resource, ResourceBundle parent) {
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return new Bundle(r, parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** The language these texts are in ({@code en} or {@code de}). */
    public Locale locale() {
        return locale;
    }

    /** The bundle behind these texts, for the FXML loader. */
    public ResourceBundle bundle() {
        return bundle;
    }

    /** The text of {@code key}, its {@code {0}}, {@code {1}}, … filled with {@code args} when there are any. */
    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        if (args.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /** A service's text in this language; arguments that are references themselves are rendered in it too. */
    public String render(TextRef ref) {
        Object[] args = ref.args().stream()
                .map(a -> a instanceof TextRef r ? render(r) : a)
                .toArray();
        return get(ref.key(), args);
    }

    /** {@code ref} in this language, or {@code english} when there is none (a text not made from a key). */
    public String render(TextRef ref, String english) {
        return ref == null ? english : render(ref);
    }

    /** The message in this language, or its English text when it was not made from a key. */
    public String message(UserMessage m) {
        return render(m.messageRef(), m.message());
    }

    /** The fix in this language, or its English text (perhaps empty) when it was not made from a key. */
    public String fix(UserMessage m) {
        return render(m.fixRef(), m.fix());
    }

    /** Message and fix on one line in this language, as {@link UserMessage#oneLine()} in English. */
    public String oneLine(UserMessage m) {
        String fix = fix(m);
        return fix == null || fix.isBlank() ? message(m) : message(m) + " " + fix;
    }

    /** A properties bundle with a parent for the keys it lacks. */
    private static final class Bundle extends PropertyResourceBundle {
        Bundle(Reader reader, ResourceBundle parent) throws IOException {
            super(reader);
            if (parent != null) {
                setParent(parent);
            }
        }
    }
}
