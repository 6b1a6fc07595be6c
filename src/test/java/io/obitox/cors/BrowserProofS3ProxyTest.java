package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.obitox.cors.CorsCheck.Status;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The browser proof against the in-process S3Proxy (global CORS only): without a browser the report says so and still
 * runs; a browser that never reports is killed at the time limit; with the Chromium of the machine (when installed)
 * the uploads go through and a missing ETag exposure is caught.
 */
class BrowserProofS3ProxyTest {
    private static final String APP = "http://app.example.test:8123";

    private S3ProxyServer server;
    private TestApp app;

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private CorsService cors(BrowserLocator locator) {
        app = TestApp.create("cors-browser");
        return new CorsService(
                app.context().clients(),
                new CorsHistoryRepository(app.context().database()),
                locator,
                Clock.systemUTC());
    }

    private static CorsCheck check(CorsReport r, String name) {
        return BrowserProofRgwE2eTest.check(r, name);
    }

    private static Set<Path> profiles() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("obitox-browser-"))
                    .collect(Collectors.toSet());
        }
    }

    private List<String> leftovers() {
        try (S3Client s3 = server.client()) {
            return s3.listObjectsV2(b -> b.bucket("uploads")).contents().stream()
                    .map(o -> o.key())
                    .toList();
        }
    }

    @Test
    void withoutABrowserTheReportSaysSoPlainlyAndTheRestStillRuns() {
        server = S3ProxyServer.start();
        server.createBucket("uploads");
        CorsService cors = cors(new BrowserLocator(Optional::empty, "", List.of()));

        CorsReport report = cors.verify(server.target(), "uploads", List.of(APP), true, Duration.ofSeconds(30));

        CorsCheck browser = check(report, BrowserProof.BROWSER);
        assertThat(browser.status()).isEqualTo(Status.WARNING);
        assertThat(browser.message()).startsWith("No Chromium/Chrome found — the check ran without a browser.");
        assertThat(browser.fix()).contains("apt install chromium").contains("Settings");
        assertThat(report.checks())
                .extracting(CorsCheck::name)
                .contains("Preflight from " + APP, "Presigned PUT from " + APP, CorsProber.CLEANUP)
                .doesNotContain(BrowserProof.PUT + APP);
    }

    @Test
    void aBrowserThatNeverReportsIsKilledAtTheTimeLimitAndItsProfileRemoved() throws Exception {
        server = S3ProxyServer.startWithCors(List.of(APP), List.of("PUT"), List.of("*"), List.of("ETag"));
        server.createBucket("uploads");
        Path hanging = TestPaths.newDir("hanging-browser").resolve("chromium");
        Path pid = hanging.resolveSibling("pid");
        Files.writeString(hanging, "#!/bin/sh\necho $$ > '" + pid + "'\nexec sleep 120\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        CorsService cors = cors(new BrowserLocator(() -> Optional.of(hanging.toString()), "", List.of()));
        Set<Path> before = profiles();
        long t0 = System.nanoTime();

        CorsReport report = cors.verify(server.target(), "uploads", List.of(APP), false, Duration.ofSeconds(2));

        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isBetween(2_000L, 10_000L);
        CorsCheck browser = check(report, BrowserProof.BROWSER);
        assertThat(browser.status()).isEqualTo(Status.FAILED);
        assertThat(browser.message()).contains("did not finish the check page within 2 s and was stopped");
        assertThat(check(report, BrowserProof.PUT + APP).message()).contains("before the browser was stopped");
        assertThat(ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                        .map(ProcessHandle::isAlive))
                .as("the browser process is gone")
                .isIn(Optional.empty(), Optional.of(false));
        assertThat(profiles()).isEqualTo(before);
        assertThat(check(report, BrowserProof.CLEANUP).status()).isEqualTo(Status.PASSED);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aBrowserThatExitsAtOnceIsReportedWithItsExitStatusWithoutWaitingForTheLimit() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("uploads");
        Path broken = TestPaths.newDir("broken-browser").resolve("chromium");
        Files.writeString(broken, "#!/bin/sh\necho 'No usable sandbox!' >&2\nexit 3\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));
        CorsService cors = cors(new BrowserLocator(() -> Optional.of(broken.toString()), "", List.of()));
        long t0 = System.nanoTime();

        CorsReport report = cors.verify(server.target(), "uploads", List.of(APP), false, Duration.ofSeconds(30));

        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000L);
        CorsCheck browser = check(report, BrowserProof.BROWSER);
        assertThat(browser.status()).isEqualTo(Status.FAILED);
        assertThat(browser.message())
                .contains("exited before the check page finished (exit status 3)")
                .contains("No usable sandbox!");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anOriginWithTheStorageHostNameIsNotSentToTheBrowser() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("uploads");
        Path never = TestPaths.newDir("never-started").resolve("chromium");
        Path started = never.resolveSibling("started");
        Files.writeString(never, "#!/bin/sh\ntouch '" + started + "'\nexec sleep 120\n");
        Files.setPosixFilePermissions(never, PosixFilePermissions.fromString("rwx------"));
        CorsService cors = cors(new BrowserLocator(() -> Optional.of(never.toString()), "", List.of()));
        String sameHost = "http://127.0.0.1:3000"; // S3Proxy listens on 127.0.0.1

        CorsReport report = cors.verify(server.target(), "uploads", List.of(sameHost), false, Duration.ofSeconds(30));

        CorsCheck put = check(report, BrowserProof.PUT + sameHost);
        assertThat(put.status()).isEqualTo(Status.SKIPPED);
        assertThat(put.message()).contains("storage endpoint's host name");
        assertThat(started).as("no browser was started").doesNotExist();
        assertThat(check(report, BrowserProof.CLEANUP).status()).isEqualTo(Status.PASSED);
        try (S3Client s3 = server.client()) {
            assertThat(s3.listMultipartUploads(b -> b.bucket("uploads")).uploads())
                    .isEmpty();
        }
        assertThat(leftovers()).isEmpty();
        assertThat(BrowserProof.ruleHost(java.net.URI.create("http://[::1]:3000")))
                .isEqualTo("::1");
        assertThat(BrowserProof.ruleHost(java.net.URI.create("https://App.Example.com")))
                .isEqualTo("app.example.com");
    }

    @Test
    void chromiumUploadsFromTheOriginWhenTheGlobalCorsAllowsIt() throws Exception {
        BrowserLocator locator = new BrowserLocator(Optional::empty);
        assumeTrue(locator.locate().found(), "no Chromium/Chrome on this machine (the e2e group requires one)");
        server = S3ProxyServer.startWithCors(List.of(APP), List.of("PUT"), List.of("*"), List.of("ETag"));
        server.createBucket("uploads");
        CorsService cors = cors(locator);
        Set<Path> before = profiles();

        CorsReport report = cors.verify(server.target(), "uploads", List.of(APP), false, Duration.ofSeconds(30));

        assertThat(check(report, BrowserProof.BROWSER).status()).isEqualTo(Status.PASSED);
        assertThat(check(report, BrowserProof.PUT + APP).message())
                .contains("ETag readable")
                .contains("intact");
        assertThat(check(report, BrowserProof.MULTIPART + APP).status()).isEqualTo(Status.PASSED);
        assertThat(leftovers()).isEmpty();
        assertThat(profiles()).isEqualTo(before);
    }

    @Test
    void chromiumCannotReadTheEtagWhenS3ProxyDoesNotExposeIt() {
        BrowserLocator locator = new BrowserLocator(Optional::empty);
        assumeTrue(locator.locate().found(), "no Chromium/Chrome on this machine (the e2e group requires one)");
        server = S3ProxyServer.startWithCors(List.of(APP), List.of("PUT"), List.of("*"), List.of());
        server.createBucket("uploads");
        CorsService cors = cors(locator);

        CorsReport report = cors.verify(server.target(), "uploads", List.of(APP), false, Duration.ofSeconds(30));

        CorsCheck put = check(report, BrowserProof.PUT + APP);
        assertThat(put.status()).isEqualTo(Status.FAILED);
        assertThat(put.message()).contains("ETag not readable");
        assertThat(report.ok()).isFalse();
        assertThat(leftovers()).isEmpty();
    }
}
