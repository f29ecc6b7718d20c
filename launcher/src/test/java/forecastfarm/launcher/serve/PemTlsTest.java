package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS identity of {@code farm serve} from PEM files made at test time by keytool: an RSA and an EC pair serve
 * HTTPS to a client that trusts them; a PKCS#1 key, garbage, a key of another certificate and a missing file are each
 * refused naming the file and what to do.
 */
class PemTlsTest {
    @TempDir
    static Path dir;

    private static TestCertificates.Pair rsa;
    private static TestCertificates.Pair otherRsa;
    private static TestCertificates.Pair ec;

    @BeforeAll
    static void makeCertificates() throws Exception {
        rsa = TestCertificates.generate(dir, "rsa", "RSA");
        otherRsa = TestCertificates.generate(dir, "other", "RSA");
        ec = TestCertificates.generate(dir, "ec", "EC");
    }

    private static String refusal(final Path cert, final Path key) {
        return assertThrows(IllegalArgumentException.class, () -> PemTls.context(cert, key))
                .getMessage();
    }

    /** A real JDK HTTPS server with the context, and a request from a client that trusts only the certificate. */
    private static void assertServes(final TestCertificates.Pair pair) throws Exception {
        final SSLContext context = PemTls.context(pair.cert(), pair.key());
        final HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            final byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            final HttpClient client = HttpClient.newBuilder()
                    .sslContext(TestCertificates.trusting(pair.certificate()))
                    .build();
            final HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(
                                    "https://127.0.0.1:" + server.getAddress().getPort() + "/"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("hello", response.body());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anRsaPairServesHttps() throws Exception {
        assertServes(rsa);
    }

    @Test
    void anEcPairServesHttps() throws Exception {
        assertServes(ec);
    }

    @Test
    void aCertificateChainIsReadInFileOrder() throws Exception {
        final Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(rsa.cert()) + Files.readString(otherRsa.cert()));
        assertEquals(rsa.certificate(), PemTls.certificates(chain).get(0), "the server's certificate first");
        assertEquals(2, PemTls.certificates(chain).size());
        PemTls.context(chain, rsa.key());
    }

    @Test
    void aPkcs1KeyIsRefusedSayingHowToConvertIt() throws Exception {
        // PKCS#8 of a 2048-bit RSA key: a 26-byte header, then the PKCS#1 RSAPrivateKey
        final byte[] pkcs8 = rsa.privateKey().getEncoded();
        final Path pkcs1 = dir.resolve("rsa.pkcs1.pem");
        Files.writeString(pkcs1, TestCertificates.pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length)));
        final String message = refusal(rsa.cert(), pkcs1);
        assertTrue(message.startsWith("--tls-key " + pkcs1 + ": "), message);
        assertTrue(message.contains("PKCS#8 ('BEGIN PRIVATE KEY') expected"), message);
        assertTrue(message.contains("openssl pkcs8 -topk8 -nocrypt -in " + pkcs1), message);
    }

    @Test
    void garbageIsRefusedNamingTheFile() throws Exception {
        final Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "this is not PEM\n");
        final String cert = refusal(garbage, rsa.key());
        assertTrue(cert.startsWith("--tls-cert " + garbage + ": no certificate in it"), cert);
        final String key = refusal(rsa.cert(), garbage);
        assertTrue(key.startsWith("--tls-key " + garbage + ": no '-----BEGIN PRIVATE KEY-----'"), key);

        final Path badBlock = dir.resolve("bad-block.pem");
        Files.writeString(badBlock, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        final String block = refusal(badBlock, rsa.key());
        assertTrue(block.startsWith("--tls-cert " + badBlock + ": not a readable PEM certificate chain"), block);
        final Path badKey = dir.resolve("bad-key.pem");
        Files.writeString(badKey, TestCertificates.pem("PRIVATE KEY", new byte[] {1, 2, 3, 4}));
        final String keyBlock = refusal(rsa.cert(), badKey);
        assertTrue(keyBlock.startsWith("--tls-key " + badKey + ": not a PKCS#8 RSA or EC private key"), keyBlock);
    }

    @Test
    void theKeyOfAnotherCertificateIsRefused() {
        final String other = refusal(rsa.cert(), otherRsa.key());
        assertTrue(
                other.startsWith("--tls-key " + otherRsa.key() + " is not the key of the certificate in --tls-cert "
                        + rsa.cert()),
                other);
        final String algorithm = refusal(rsa.cert(), ec.key());
        assertTrue(algorithm.contains("is not the key of the certificate"), algorithm);
        assertTrue(algorithm.endsWith("the key is EC, the certificate's RSA"), algorithm);
    }

    @Test
    void aMissingFileIsNamed() {
        final Path missing = dir.resolve("nope.pem");
        assertEquals("--tls-cert " + missing + ": no such file", refusal(missing, rsa.key()));
        assertEquals("--tls-key " + missing + ": no such file", refusal(rsa.cert(), missing));
    }

    @Test
    void aCertificateAndAKeyGivenTheWrongWayRoundAreNamedSo() {
        final String message = refusal(rsa.key(), rsa.cert());
        assertTrue(message.contains("this looks like a key: give it to --tls-key"), message);
    }
}
