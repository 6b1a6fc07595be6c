package io.obitox.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Whether a link inside a dropped folder leads out of it ({@link ValidationCode#LINK_OUTSIDE_FOLDER}); shared by the
 * folder walk and the unchecked upload ({@code --no-validate}), so neither follows such a link by default.
 */
public final class FolderLinks {
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private FolderLinks() {}

    /**
     * The real target of {@code entry} when it is a link (or junction, which Java reports as "other") that resolves
     * outside {@code rootReal}; null for everything else, including links to nothing (the validator reports those).
     * Only links pay for resolving: one lstat per entry otherwise.
     */
    public static Path outsideTarget(Path entry, Path rootReal) {
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (!own.isSymbolicLink() && !(WINDOWS && own.isOther())) {
            return null;
        }
        try {
            Path target = entry.toRealPath();
            return target.startsWith(rootReal) ? null : target;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The folder's real path (links resolved), so that a dropped link to a folder judges links by its target. */
    public static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }
}
