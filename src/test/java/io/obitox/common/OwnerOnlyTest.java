package io.obitox.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.testing.TestPaths;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class OwnerOnlyTest {

    @Test
    void aCreatedFileIsTheOwnersFromItsFirstByteAndNeverReplacesAnother() throws IOException {
        Path file = TestPaths.newDir("owner-only").resolve("key");
        OwnerOnly.createFile(file, "first".getBytes());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThatThrownBy(() -> OwnerOnly.createFile(file, "second".getBytes()))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("first");
        try (var s = Files.list(file.getParent())) {
            assertThat(s.toList()).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void foldersWritableByOthersAreSeen() throws IOException {
        Path dir = TestPaths.newDir("owner-only-dir");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(OwnerOnly.writableByOthers(dir)).isEmpty();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThat(OwnerOnly.writableByOthers(dir)).contains("rwxrwxr-x");
        OwnerOnly.restrictFolder(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void onWindowsAFileGetsOneAclEntryForItsOwner() throws IOException {
        Path file = TestPaths.newDir("owner-only-acl").resolve("key");
        OwnerOnly.createFile(file, "k".getBytes());
        AclFileAttributeView view = Files.getFileAttributeView(file, AclFileAttributeView.class);
        assertThat(view.getAcl()).singleElement().satisfies((AclEntry e) -> {
            assertThat(e.principal()).isEqualTo(view.getOwner());
            assertThat(e.type()).isEqualTo(AclEntryType.ALLOW);
        });
    }
}
