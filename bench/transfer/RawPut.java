import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.net.URI;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The server's raw ceiling: parallel PUTs of in-memory data (no disk, no hashing per request: one 16 MiB buffer whose
 * MD5 is computed once), through the same HTTP client settings ObitoX uses. Prints MiB/s for the best concurrency.
 *
 * usage: java -cp target/obitox.jar bench/transfer/RawPut.java ENDPOINT ACCESS SECRET BUCKET TOTAL_MIB
 *        java -cp target/obitox.jar bench/transfer/RawPut.java ENDPOINT ACCESS SECRET BUCKET small COUNT BYTES
 * The second form is the small-file ceiling: COUNT PUTs of BYTES each from memory at 8, 16 and 32 in flight; it
 * prints the best time in seconds for all COUNT and the concurrency that gave it.
 */
public class RawPut {
    public static void main(String[] a) throws Exception {
        if (a.length >= 7 && a[4].equals("small")) {
            small(a, Integer.parseInt(a[5]), Integer.parseInt(a[6]));
            return;
        }
        URI endpoint = URI.create(a[0]);
        long totalMib = Long.parseLong(a[4]);
        int partMib = 16;
        byte[] data = new byte[partMib << 20];
        new Random(1).nextBytes(data);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        S3Target target = new S3Target("raw", "raw", Provider.GENERIC, endpoint, "us-east-1", true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(a[1], a[2])));
        double best = 0;
        int bestThreads = 0;
        try (StorageClients clients = new StorageClients()) {
            S3Client s3 = clients.bulk(target);
            s3.putObject(b -> b.bucket(a[3]).key("raw/warmup").contentMD5(md5), RequestBody.fromBytes(data));
            for (int threads : new int[] {8, 16}) {
                int objects = (int) (totalMib / partMib);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long t0 = System.nanoTime();
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < objects; i++) {
                    String key = "raw/" + threads + "/" + i;
                    fs.add(pool.submit(() -> s3.putObject(b -> b.bucket(a[3]).key(key).contentMD5(md5),
                            RequestBody.fromBytes(data))));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                double mibs = objects * partMib / secs;
                System.err.printf("raw: %d threads, %d MiB in %.2f s = %.1f MiB/s%n", threads, objects * partMib, secs,
                        mibs);
                if (mibs > best) {
                    best = mibs;
                    bestThreads = threads;
                }
            }
        }
        System.out.printf("%.1f %d%n", best, bestThreads);
    }

    static void small(String[] a, int count, int bytes) throws Exception {
        byte[] data = new byte[bytes];
        new Random(2).nextBytes(data);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        S3Target target = new S3Target("raw", "raw", Provider.GENERIC, URI.create(a[0]), "us-east-1", true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(a[1], a[2])));
        double best = Double.MAX_VALUE;
        int bestThreads = 0;
        try (StorageClients clients = new StorageClients()) {
            S3Client s3 = clients.bulk(target);
            s3.putObject(b -> b.bucket(a[3]).key("raw-small/warmup").contentMD5(md5), RequestBody.fromBytes(data));
            for (int threads : new int[] {8, 16, 32}) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long t0 = System.nanoTime();
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String key = "raw-small/" + bytes + "/" + threads + "/" + i;
                    fs.add(pool.submit(() -> s3.putObject(b -> b.bucket(a[3]).key(key).contentMD5(md5),
                            RequestBody.fromBytes(data))));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                System.err.printf("raw small: %d threads, %d x %d B in %.2f s = %.0f files/s%n", threads, count, bytes,
                        secs, count / secs);
                if (secs < best) {
                    best = secs;
                    bestThreads = threads;
                }
            }
        }
        System.out.printf("%.2f %d%n", best, bestThreads);
    }
}
