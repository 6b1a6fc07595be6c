package io.obitox.cors;

import io.obitox.common.TextRef;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds an installed Chromium or Google Chrome for the browser check: the path set in Settings first, then the
 * usual command names on {@code PATH}, then the usual install locations on Linux, Windows and macOS. Only looks at
 * files; starts nothing. Thread-safe; the configured path is read on every call, so a change in Settings applies to
 * the next check.
 */
public final class BrowserLocator {
    /** Settings key of the browser the user chose (a path to the executable). */
    public static final String SETTING = "cors.browserPath";

    static final List<String> COMMANDS =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "chrome.exe");

    private final Supplier<Optional<String>> configured;
    private final String pathVariable;
    private final List<Path> installLocations;

    /** The locator of this machine: {@code PATH} and the install locations of the running OS. */
    public BrowserLocator(Supplier<Optional<String>> configured) {
        this(configured, System.getenv("PATH"), installLocations(System.getProperty("os.name", "")));
    }

    /** For tests: an explicit {@code PATH} value and install locations. */
    public BrowserLocator(Supplier<Optional<String>> configured, String pathVariable, List<Path> installLocations) {
        this.configured = configured;
        this.pathVariable = pathVariable == null ? "" : pathVariable;
        this.installLocations = List.copyOf(installLocations);
    }

    /**
     * What was found, or where it was looked for.
     *
     * @param executable the browser, or null when none was found
     * @param problemText why the configured path was not used (null when it was, or when none is set)
     * @param searchedTexts where it looked, for the "not found" message
     */
    public record Result(Path executable, TextRef problemText, List<TextRef> searchedTexts) {
        public Result {
            searchedTexts = List.copyOf(searchedTexts);
        }

        public boolean found() {
            return executable != null;
        }

        /** Why the configured path was not used, in English; empty when it was, or when none is set. */
        public String problem() {
            return problemText == null ? "" : problemText.english();
        }

        /** Where it looked, in English. */
        public List<String> searched() {
            return searchedTexts.stream().map(TextRef::english).toList();
        }
    }

    public Result locate() {
        List<TextRef> searched = new ArrayList<>();
        TextRef problem = null;
        Optional<String> set = configured.get().map(String::trim).filter(s -> !s.isEmpty());
        if (set.isPresent()) {
            searched.add(TextRef.of("svc.cors.browser.settingsPath", set.get()));
            try {
                Path p = Path.of(set.get());
                if (runnable(p)) {
                    return new Result(p, null, searched);
                }
                problem = TextRef.of("svc.cors.browser.notExecutable", set.get());
            } catch (InvalidPathException e) {
                problem = TextRef.of("svc.cors.browser.invalidPath", set.get());
            }
        }
        searched.add(TextRef.of("svc.cors.browser.pathVariable", String.join(", ", COMMANDS.subList(0, 4))));
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : COMMANDS) {
                try {
                    Path p = Path.of(dir, name);
                    if (runnable(p)) {
                        return new Result(p, problem, searched);
                    }
                } catch (InvalidPathException e) {
                    // a malformed PATH entry: skip it like a shell would
                }
            }
        }
        for (Path p : installLocations) {
            searched.add(TextRef.of("svc.cors.browser.location", p.toString()));
            if (runnable(p)) {
                return new Result(p, problem, searched);
            }
        }
        return new Result(null, problem, searched);
    }

    private static boolean runnable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    /** Where the installers of Chromium and Chrome put the executable on {@code osName}. */
    static List<Path> installLocations(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        List<Path> out = new ArrayList<>();
        if (os.contains("win")) {
            for (String base : new String[] {
                System.getenv("ProgramFiles"), System.getenv("ProgramFiles(x86)"), System.getenv("LOCALAPPDATA")
            }) {
                if (base != null) {
                    out.add(Path.of(base, "Google", "Chrome", "Application", "chrome.exe"));
                    out.add(Path.of(base, "Chromium", "Application", "chrome.exe"));
                }
            }
        } else if (os.contains("mac")) {
            out.add(Path.of("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"));
            out.add(Path.of("/Applications/Chromium.app/Contents/MacOS/Chromium"));
            String home = System.getProperty("user.home");
            if (home != null) {
                out.add(Path.of(home, "Applications/Google Chrome.app/Contents/MacOS/Google Chrome"));
                out.add(Path.of(home, "Applications/Chromium.app/Contents/MacOS/Chromium"));
            }
        } else {
            out.add(Path.of("/usr/bin/chromium"));
            out.add(Path.of("/usr/bin/chromium-browser"));
            out.add(Path.of("/usr/bin/google-chrome"));
            out.add(Path.of("/usr/lib/chromium/chromium"));
            out.add(Path.of("/opt/google/chrome/chrome"));
            out.add(Path.of("/snap/bin/chromium"));
            out.add(Path.of("/var/lib/flatpak/exports/bin/org.chromium.Chromium"));
        }
        return out;
    }
}
