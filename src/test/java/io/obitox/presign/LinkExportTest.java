package io.obitox.presign;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import io.obitox.testing.TestSecrets;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The CSV export of real signed links (offline signing) never hands a spreadsheet a formula from a key. */
class LinkExportTest {
    private final StorageClients clients = new StorageClients();
    private final String secret = TestSecrets.register("link-export-secret-" + UUID.randomUUID());

    @AfterEach
    void close() {
        clients.close();
    }

    private List<String> firstCells(String... keys) {
        S3Target target = new S3Target(
                "csv:" + UUID.randomUUID(),
                "csv",
                Provider.CEPH,
                URI.create("http://127.0.0.1:9"),
                "us-east-1",
                true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKCSVTEST", secret)));
        LinkRequest[] files =
                java.util.Arrays.stream(keys).map(k -> LinkRequest.get(k, 10L)).toArray(LinkRequest[]::new);
        PresignBatch batch = new PresignService(clients, ThroughputHistory.none(), Clock.systemUTC())
                .presign(target, new PresignRequest("sheet", List.of(files), ExpiryChoice.fixed(600), null));
        List<List<String>> rows = parse(LinkExport.csv(batch.links()));
        return rows.stream().skip(1).map(r -> r.get(0)).toList();
    }

    /** RFC 4180 as a spreadsheet reads it: quoted cells may hold commas, quotes ("") and line breaks. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new java.util.ArrayList<>();
        List<String> row = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new java.util.ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }

    @Test
    void formulaCharactersAfterLeadingWhitespaceTabOrCarriageReturnAreNeutralised() {
        assertThat(firstCells(
                        "=HYPERLINK(\"http://x\")",
                        " +1",
                        "\t-2",
                        " \t@SUM(A1)",
                        "\r=1",
                        "\tplain",
                        "-leading dash",
                        "ok.txt",
                        "a=b"))
                .containsExactly(
                        "'=HYPERLINK(\"http://x\")",
                        "' +1",
                        "'\t-2",
                        "' \t@SUM(A1)",
                        "'\r=1",
                        "'\tplain",
                        "'-leading dash",
                        "ok.txt",
                        "a=b");
    }
}
