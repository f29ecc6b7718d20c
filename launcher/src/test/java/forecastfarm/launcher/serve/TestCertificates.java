package forecastfarm.launcher.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for tests, made at test time by the JDK's {@code keytool} (no openssl): a PKCS12 store
 * read back here and written as PEM, the certificate and the key as {@code farm serve --tls-cert/--tls-key} take
 * them (for {@code localhost} and {@code 127.0.0.1}).
 */
final class TestCertificates {
    private static final char[] PASSWORD = "changeit".toCharArray();

    /** A PEM pair on disk and what it holds. */
    record Pair(Path cert, Path key, X509Certificate certificate, PrivateKey privateKey) {}

    private TestCertificates() {}

    /** @param algorithm {@code RSA} or {@code EC}. */
    static Pair generate(final Path dir, final String name, final String algorithm) throws Exception {
        final Path store = dir.resolve(name + ".p12");
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "farm",
                "-keyalg",
                algorithm));
        command.addAll(algorithm.equals("RSA") ? List.of("-keysize", "2048") : List.of("-groupname", "secp256r1"));
        command.addAll(List.of(
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD)));
        final Process keytool = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".keytool.log").toFile())
                .start();
        keytool.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, keytool.exitValue(), Files.readString(dir.resolve(name + ".keytool.log")));
        final KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        final X509Certificate certificate = (X509Certificate) keys.getCertificate("farm");
        final PrivateKey key = (PrivateKey) keys.getKey("farm", PASSWORD);
        final Path certFile = dir.resolve(name + ".crt.pem");
        final Path keyFile = dir.resolve(name + ".key.pem");
        Files.writeString(certFile, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        return new Pair(certFile, keyFile, certificate, key);
    }

    static String pem(final String label, final byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** A client's TLS context that trusts this certificate only. */
    static SSLContext trusting(final X509Certificate certificate) throws Exception {
        final KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("farm", certificate);
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
