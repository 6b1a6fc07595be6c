package io.obitox.common;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Files and folders only their owner may use: mode 0700/0600 where the file system has POSIX permissions, else (NTFS
 * on Windows) an ACL with one entry that allows the owner everything. Other file systems (FAT) have neither; there the
 * calls do nothing, as there is nothing to set.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    public static void restrictFolder(Path folder) throws IOException {
        restrict(folder, true);
    }

    public static void restrictFile(Path file) throws IOException {
        restrict(file, false);
    }

    /**
     * Creates {@code file} with {@code content}, owner-only before the first byte is written. Fails with
     * {@link FileAlreadyExistsException} when it exists, also when another process made it at the same moment (the
     * file appears whole, through a hard link, or not at all), so two processes starting together agree on one.
     */
    public static void createFile(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(
                file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix(file.getParent())) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE));
        } else {
            Files.createFile(tmp);
            restrictFile(tmp);
        }
        try {
            Files.write(tmp, content);
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException noLinks) {
                if (Files.exists(file)) {
                    throw new FileAlreadyExistsException(file.toString());
                }
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The folder's mode (e.g. {@code rwxrwxr-x}) when its group or others may write in it; empty otherwise. */
    public static Optional<String> writableByOthers(Path folder) throws IOException {
        if (!posix(folder)) {
            return Optional.empty();
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder);
        if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            return Optional.of(PosixFilePermissions.toString(mode));
        }
        return Optional.empty();
    }

    private static void restrict(Path path, boolean folder) throws IOException {
        if (posix(path)) {
            Set<PosixFilePermission> wanted = folder ? FOLDER : FILE;
            if (!Files.getPosixFilePermissions(path).equals(wanted)) {
                Files.setPosixFilePermissions(path, wanted);
            }
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl != null) {
            acl.setAcl(List.of(ownerEntry(acl, folder)));
        }
    }

    /** One entry: the owner may do everything; in a folder it is inherited by what is created inside. */
    static AclEntry ownerEntry(AclFileAttributeView view, boolean folder) throws IOException {
        AclEntry.Builder entry = AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(view.getOwner())
                .setPermissions(EnumSet.allOf(AclEntryPermission.class));
        if (folder) {
            entry.setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);
        }
        return entry.build();
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
