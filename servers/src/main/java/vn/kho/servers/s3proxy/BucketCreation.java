package vn.kho.servers.s3proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code PUT /bucket} signed with AWS signature version 2 (which S3Proxy accepts beside version 4): one request, so
 * this module needs no S3 client library.
 */
final class BucketCreation {
    private BucketCreation() {}

    static void create(URI endpoint, String bucket, String accessKey, String secretKey) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        // method, Content-MD5, Content-Type, Date (empty: x-amz-date is signed instead), amz headers, resource
        String toSign = "PUT\n\n\n\nx-amz-date:" + date + "\n/" + bucket;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            HttpURLConnection http =
                    (HttpURLConnection) endpoint.resolve("/" + bucket).toURL().openConnection();
            http.setRequestMethod("PUT");
            http.setConnectTimeout(5000);
            http.setReadTimeout(30_000);
            http.setRequestProperty("x-amz-date", date);
            http.setRequestProperty("Authorization", "AWS " + accessKey + ":" + signature);
            http.setFixedLengthStreamingMode(0);
            http.setDoOutput(true);
            http.getOutputStream().close();
            int status = http.getResponseCode();
            if (status != 200) {
                InputStream error = http.getErrorStream();
                String body = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
                throw new IllegalStateException("PUT /" + bucket + " answered " + status + ": " + body);
            }
            http.disconnect();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bucket " + bucket + " at " + endpoint, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
