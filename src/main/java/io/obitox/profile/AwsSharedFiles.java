package io.obitox.profile;

import io.obitox.common.ObitoxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.profiles.ProfileFileSupplier;

/**
 * The AWS shared config and credentials files ({@code ~/.aws/config}, {@code ~/.aws/credentials}, or wherever
 * {@code AWS_CONFIG_FILE}/{@code AWS_SHARED_CREDENTIALS_FILE} point), read and written the way {@code aws configure}
 * does. This is where typed keys go, so the ObitoX database never holds a secret.
 *
 * <p>Thread-safe for readers; writers are serialized on this instance and replace the file atomically.
 */
public final class AwsSharedFiles {
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[\\s*(?:profile\\s+)?([^\\]]+?)\\s*]\\s*$");

    private final Path credentialsFile;
    private final Path configFile;

    public AwsSharedFiles(Path credentialsFile, Path configFile) {
        this.credentialsFile = credentialsFile;
        this.configFile = configFile;
    }

    /** The files the AWS SDK itself would read in this process (same environment variables and properties). */
    public static AwsSharedFiles standard() {
        return new AwsSharedFiles(
                ProfileFileLocation.credentialsFilePath(), ProfileFileLocation.configurationFilePath());
    }

    public Path credentialsFile() {
        return credentialsFile;
    }

    public Path configFile() {
        return configFile;
    }

    /** Profile names found in both files, sorted. */
    public List<String> profileNames() {
        Set<String> names = new TreeSet<>();
        for (Path f : List.of(credentialsFile, configFile)) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    var m = SECTION.matcher(line);
                    if (m.matches()
                            && !m.group(1).toLowerCase(Locale.ROOT).startsWith("sso-session")
                            && !m.group(1).startsWith("services ")) {
                        names.add(m.group(1).trim());
                    }
                }
            } catch (IOException ignored) {
                // unreadable file: no names from it
            }
        }
        return new ArrayList<>(names);
    }

    public boolean hasProfile(String name) {
        return profileNames().contains(name);
    }

    /** A provider that re-reads the files when they change, so edits made with {@code aws configure} apply at once. */
    public AwsCredentialsProvider credentialsProvider(String profileName) {
        ProfileFileSupplier supplier = ProfileFileSupplier.aggregate(
                ProfileFileSupplier.reloadWhenModified(configFile, ProfileFile.Type.CONFIGURATION),
                ProfileFileSupplier.reloadWhenModified(credentialsFile, ProfileFile.Type.CREDENTIALS));
        return ProfileCredentialsProvider.builder()
                .profileFile(supplier)
                .profileName(profileName)
                .build();
    }

    /** Writes (or replaces) a {@code [name]} section with static keys in the credentials file, mode 0600. */
    public synchronized void writeKeys(
            String profileName, String accessKeyId, String secretAccessKey, String sessionToken) {
        requireValue(accessKeyId, "access key ID");
        requireValue(secretAccessKey, "secret access key");
        List<String> section = new ArrayList<>();
        section.add("[" + profileName + "]");
        section.add("aws_access_key_id = " + accessKeyId.trim());
        section.add("aws_secret_access_key = " + secretAccessKey.trim());
        if (sessionToken != null && !sessionToken.isBlank()) {
            requireValue(sessionToken, "session token"); // a line break in it would write extra lines
            section.add("aws_session_token = " + sessionToken.trim());
        }
        List<String> lines = withoutSection(readLines(credentialsFile), profileName);
        if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
            lines.add("");
        }
        lines.addAll(section);
        writeLines(credentialsFile, lines);
    }

    /** Removes the {@code [name]} section from the credentials file, if there is one. */
    public synchronized void removeKeys(String profileName) {
        if (!Files.isRegularFile(credentialsFile)) {
            return;
        }
        List<String> before = readLines(credentialsFile);
        List<String> after = withoutSection(before, profileName);
        if (after.size() != before.size()) {
            writeLines(credentialsFile, after);
        }
    }

    private static void requireValue(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new ObitoxException("MISSING_CREDENTIALS", "The " + what + " is empty.", "Type the " + what + ".");
        }
        if (value.trim().chars().anyMatch(ch -> ch < 0x21 || ch == '[' || ch == ']')) {
            throw new ObitoxException(
                    "INVALID_CREDENTIALS",
                    "The " + what + " contains spaces or characters that keys never contain.",
                    "Paste the key again without surrounding text.");
        }
    }

    private static List<String> withoutSection(List<String> lines, String profileName) {
        List<String> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        boolean skipping = false;
        for (String line : lines) {
            var m = SECTION.matcher(line);
            if (m.matches()) {
                if (skipping) {
                    // comments right above the next section introduce that section: keep them with it
                    out.addAll(leadingComments(skipped));
                }
                skipping = m.group(1).trim().equals(profileName);
                skipped.clear();
            }
            if (skipping) {
                skipped.add(line);
            } else {
                out.add(line);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** The comment block (with its blank lines) at the end of {@code lines}, without blank lines before it. */
    private static List<String> leadingComments(List<String> lines) {
        int start = lines.size();
        while (start > 0 && isCommentOrBlank(lines.get(start - 1))) {
            start--;
        }
        while (start < lines.size() && lines.get(start).isBlank()) {
            start++;
        }
        return lines.subList(start, lines.size());
    }

    private static boolean isCommentOrBlank(String line) {
        String t = line.trim();
        return t.isEmpty() || t.startsWith("#") || t.startsWith(";");
    }

    private static List<String> readLines(Path file) {
        if (!Files.isRegularFile(file)) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ObitoxException(
                    "CREDENTIALS_FILE_UNREADABLE",
                    "Cannot read the AWS credentials file " + file + ".",
                    "Check its permissions.",
                    e);
        }
    }

    private static void writeLines(Path file, List<String> lines) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".credentials", ".tmp");
            try {
                restrict(tmp);
                Files.write(tmp, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                // The SDK reloads the file only when its mtime is after its last read. The kernel stamps writes with a
                // coarse clock (a few ms behind), so a write just after a read could look older and go unseen; an
                // explicit, precise mtime makes every change of ours visible.
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } finally {
                Files.deleteIfExists(tmp);
            }
            restrict(file);
        } catch (IOException e) {
            throw new ObitoxException(
                    "CREDENTIALS_FILE_UNWRITABLE",
                    "Cannot write the AWS credentials file " + file + ": " + e.getMessage() + ".",
                    "Check the permissions of that folder.",
                    e);
        }
    }

    private static void restrict(Path f) throws IOException {
        try {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Windows: the file lives in the user's private profile folder
        }
    }
}
