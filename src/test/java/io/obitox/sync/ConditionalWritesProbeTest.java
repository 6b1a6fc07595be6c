package io.obitox.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The probe's reading of a server: 412 on the second write means supported; anything else is not, or unknown. */
class ConditionalWritesProbeTest {
    /** A client whose n-th PUT answers {@code answers[n]} (0: success) and which records every call. */
    private static S3Client server(List<String> calls, int... answers) {
        int[] puts = {0};
        return (S3Client) Proxy.newProxyInstance(
                S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, (p, m, args) -> {
                    calls.add(m.getName());
                    switch (m.getName()) {
                        case "putObject" -> {
                            int status = answers[puts[0]++];
                            if (status != 0) {
                                throw S3Exception.builder()
                                        .statusCode(status)
                                        .message("HTTP " + status)
                                        .build();
                            }
                            return PutObjectResponse.builder().eTag("\"x\"").build();
                        }
                        case "deleteObject" -> {
                            return DeleteObjectResponse.builder().build();
                        }
                        case "close" -> {
                            return null;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    @Test
    void aSecondWriteRefusedWith412MeansSupportedAndTheProbeKeyIsDeleted() {
        List<String> calls = new ArrayList<>();
        assertThat(ConditionalWrites.probe(server(calls, 0, 412), "b")).isTrue();
        assertThat(calls).containsExactly("putObject", "putObject", "deleteObject");
    }

    @Test
    void aServerThatIgnoresTheHeaderIsBestEffort() {
        List<String> calls = new ArrayList<>();
        assertThat(ConditionalWrites.probe(server(calls, 0, 0), "b")).isFalse();
        assertThat(calls).endsWith("deleteObject");
    }

    @Test
    void aServerThatRefusesTheHeaderIsNotSupportedAndOneThatCannotBeWrittenIsUnknown() {
        assertThat(ConditionalWrites.probe(server(new ArrayList<>(), 501), "b")).isFalse();
        assertThat(ConditionalWrites.probe(server(new ArrayList<>(), 403), "b")).isNull();
    }
}
