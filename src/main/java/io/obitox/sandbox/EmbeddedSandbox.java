package io.obitox.sandbox;

import io.obitox.common.ObitoxException;
import io.obitox.common.OwnerOnly;
import io.obitox.storage.SandboxAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;
import java.util.Set;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded S3-compatible sandbox: S3Proxy with its filesystem store under {@code <home>/sandbox/data}, bound to
 * 127.0.0.1 with random keys that are kept in {@code credentials.properties} (mode 0600, never in the database).
 *
 * <p>One process of an app home serves it (it holds {@code server.lock}); other ObitoX processes of the same home
 * (the CLI beside the GUI) find its port in {@code endpoint.properties} and use it. The last port is reused when
 * free, so links made earlier keep working after a restart. When the serving process stops, the next
 * {@link #ensureStarted()} of another one takes over.
 *
 * <p>Only requests signed with its keys are served: the store is wrapped in {@link PrivateBlobStore}, and its folders
 * are owner-only (0700), made so when created and corrected at every start.
 *
 * <p>Thread-safe: start and stop are synchronized.
 */
public final class EmbeddedSandbox implements SandboxAccess {
    public static final String DEFAULT_BUCKET = "sandbox";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedSandbox.class);
    private static final char[] KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final SecureRandom random = new SecureRandom();
    private S3Proxy proxy;
    private FileChannel lockChannel;
    private FileLock lock;
    private Endpoint endpoint;

    public EmbeddedSandbox(Path dir) {
        this.dir = dir;
    }

    /** Registered in META-INF/services so the rest of the app finds the sandbox without depending on it. */
    public static final class Factory implements SandboxAccess.Factory {
        @Override
        public SandboxAccess create(Path sandboxDirectory) {
            return new EmbeddedSandbox(sandboxDirectory);
        }
    }

    @Override
    public String defaultBucket() {
        return DEFAULT_BUCKET;
    }

    public Path dataDirectory() {
        return dir.resolve("data");
    }

    @Override
    public synchronized boolean isRunning() {
        return endpoint != null;
    }

    @Override
    public synchronized Endpoint ensureStarted() {
        if (endpoint != null
                && (endpoint.ownedByThisProcess() || answers(endpoint.uri().getPort()))) {
            return endpoint;
        }
        // Not started, or the process that served it has stopped: serve it here (or find the new server).
        endpoint = null;
        try {
            makePrivateFolders();
            Properties creds = loadOrCreateCredentials();
            if (acquireLock()) {
                endpoint = startServer(creds);
            } else {
                endpoint = findRunningServer(creds);
            }
            return endpoint;
        } catch (ObitoxException e) {
            throw e;
        } catch (Exception e) {
            throw new ObitoxException(
                    "SANDBOX_FAILED",
                    "The sandbox storage could not start: " + e.getMessage() + ".",
                    "Check that " + dir + " is writable; see the log file for details.",
                    e);
        }
    }

    private Endpoint startServer(Properties creds) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dataDirectory().toString());
        int preferred = Integer.parseInt(creds.getProperty("port", "0"));
        S3Proxy started = null;
        for (int port : preferred > 0 ? new int[] {preferred, 0} : new int[] {0}) {
            S3Proxy candidate = S3Proxy.builder()
                    .blobStore(new PrivateBlobStore(BlobStores.create("filesystem-nio2", props)))
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(
                            AuthenticationType.AWS_V4,
                            creds.getProperty("accessKeyId"),
                            creds.getProperty("secretAccessKey"))
                    .ignoreUnknownHeaders(true)
                    .stopTimeout(500)
                    .build();
            try {
                candidate.start();
                waitStarted(candidate);
                started = candidate;
                break;
            } catch (Exception e) {
                log.info("Sandbox could not use port {} ({}); trying another", port, e.getMessage());
                try {
                    candidate.stop();
                } catch (Exception ignored) {
                    // it never started
                }
            }
        }
        if (started == null) {
            throw new IOException("no free port on 127.0.0.1");
        }
        proxy = started;
        int port = started.getPort();
        creds.setProperty("port", Integer.toString(port));
        writeProperties(dir.resolve("credentials.properties"), creds);
        Properties ep = new Properties();
        ep.setProperty("port", Integer.toString(port));
        ep.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        writeProperties(dir.resolve("endpoint.properties"), ep);
        log.info("Sandbox storage listening on 127.0.0.1:{} (data in {})", port, dataDirectory());
        return new Endpoint(
                URI.create("http://127.0.0.1:" + port),
                creds.getProperty("accessKeyId"),
                creds.getProperty("secretAccessKey"),
                true);
    }

    /**
     * The sandbox folder, its data folder and every bucket folder in it: created owner-only, and made so again when
     * found looser (an older version, a restored backup, a umask of 002). The folders of objects sit inside these,
     * so no other user can reach them whatever their own mode.
     */
    private void makePrivateFolders() throws IOException {
        Path data = dataDirectory();
        Files.createDirectories(data.resolve(DEFAULT_BUCKET));
        if (!Files.getFileStore(data).supportsFileAttributeView("posix")) {
            return; // Windows: the app home's owner-only ACL covers the sandbox (AppHome)
        }
        try (var buckets = Files.newDirectoryStream(data, Files::isDirectory)) {
            for (Path bucket : buckets) {
                ownerOnly(bucket);
            }
        }
        ownerOnly(data);
        ownerOnly(dir);
    }

    private static void ownerOnly(Path folder) throws IOException {
        if (!Files.isSymbolicLink(folder)
                && !Files.getPosixFilePermissions(folder).equals(OWNER_ONLY)) {
            log.info("Sandbox folder {} was readable by others; made owner-only", folder);
            Files.setPosixFilePermissions(folder, OWNER_ONLY);
        }
    }

    private static void waitStarted(S3Proxy p) throws InterruptedException, IOException {
        for (int i = 0; i < 200 && !"STARTED".equals(p.getState()); i++) {
            if ("FAILED".equals(p.getState())) {
                throw new IOException("server failed to start");
            }
            Thread.sleep(10);
        }
        if (!"STARTED".equals(p.getState())) {
            throw new IOException("server did not start in time (" + p.getState() + ")");
        }
    }

    private Endpoint findRunningServer(Properties creds) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            Path file = dir.resolve("endpoint.properties");
            if (Files.isRegularFile(file)) {
                Properties ep = readProperties(file);
                int port = Integer.parseInt(ep.getProperty("port", "0"));
                if (port > 0 && answers(port)) {
                    Properties fresh = readProperties(dir.resolve("credentials.properties"));
                    return new Endpoint(
                            URI.create("http://127.0.0.1:" + port),
                            fresh.getProperty("accessKeyId", creds.getProperty("accessKeyId")),
                            fresh.getProperty("secretAccessKey", creds.getProperty("secretAccessKey")),
                            false);
                }
            }
            if (acquireLock()) {
                return startServer(creds); // the other process went away meanwhile
            }
            Thread.sleep(100);
        }
        throw new IOException("another ObitoX process holds the sandbox but does not answer");
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean acquireLock() throws IOException {
        if (lock != null) {
            return true;
        }
        FileChannel ch =
                FileChannel.open(dir.resolve("server.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                return false;
            }
            lockChannel = ch;
            lock = l;
            return true;
        } catch (OverlappingFileLockException e) {
            ch.close();
            return false;
        }
    }

    private Properties loadOrCreateCredentials() throws IOException {
        Path file = dir.resolve("credentials.properties");
        if (Files.isRegularFile(file)) {
            Properties p = readProperties(file);
            if (p.getProperty("accessKeyId") != null && p.getProperty("secretAccessKey") != null) {
                return p;
            }
        }
        Properties p = new Properties();
        p.setProperty("accessKeyId", "OBX" + randomString(KEY_CHARS, 17));
        p.setProperty("secretAccessKey", randomString(SECRET_CHARS, 40));
        writeProperties(file, p);
        return p;
    }

    private String randomString(char[] alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    private static Properties readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    private static void writeProperties(Path file, Properties p) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException noPosix) {
            OwnerOnly.restrictFile(tmp); // Windows: an ACL for the owner only
        }
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "ObitoX sandbox storage");
        }
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized void close() {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (Exception e) {
                log.debug("sandbox stop", e);
            }
            proxy = null;
            try {
                Files.deleteIfExists(dir.resolve("endpoint.properties"));
            } catch (IOException ignored) {
                // stale file is detected by the next reader
            }
        }
        endpoint = null;
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // released with the process anyway
        }
        lock = null;
        lockChannel = null;
    }
}
