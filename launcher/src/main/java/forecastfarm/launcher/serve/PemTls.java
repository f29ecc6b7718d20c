package forecastfarm.launcher.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS identity of {@code farm serve --tls-cert FILE --tls-key FILE}, read from PEM with the JDK's own classes: the
 * certificate chain ({@code -----BEGIN CERTIFICATE-----} blocks, the server's own first) and its private key, PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC, unencrypted. Every problem is an {@link IllegalArgumentException}
 * naming the option, the file and what to do, raised before anything binds.
 */
public final class PemTls {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PemTls.class);
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    /** The key algorithms tried, in order, on a PKCS#8 key (it does not say its algorithm in a way the JDK reads). */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private PemTls() {}

    /** @return a TLS context that presents {@code certFile}'s chain with {@code keyFile}'s key. */
    public static SSLContext context(final Path certFile, final Path keyFile) {
        final List<X509Certificate> chain = certificates(certFile);
        final PrivateKey key = privateKey(keyFile);
        checkPair(chain.get(0), key, certFile, keyFile);
        try {
            chain.get(0).checkValidity();
        } catch (final CertificateException ex) {
            LOG.warn("--tls-cert {}: {}; clients will refuse it until it is renewed", certFile, ex.getMessage());
        }
        try {
            final char[] password =
                    Long.toHexString(new SecureRandom().nextLong()).toCharArray();
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("farm", key, password, chain.toArray(new X509Certificate[0]));
            final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (final GeneralSecurityException | IOException ex) {
            throw new IllegalArgumentException(
                    "--tls-cert " + certFile + " / --tls-key " + keyFile + ": the JDK cannot serve TLS with them: "
                            + ex.getMessage(),
                    ex);
        }
    }

    /** @return the certificates of a PEM file, in file order. */
    static List<X509Certificate> certificates(final Path certFile) {
        final byte[] bytes = read("--tls-cert", certFile);
        final String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("--tls-cert " + certFile + ": no certificate in it: a PEM file of"
                    + " -----BEGIN CERTIFICATE----- blocks expected (the server's certificate first, then its chain)"
                    + (text.contains(PRIVATE_KEY) ? "; this looks like a key: give it to --tls-key" : ""));
        }
        final List<X509Certificate> chain = new ArrayList<>();
        try {
            for (final java.security.cert.Certificate cert :
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                chain.add((X509Certificate) cert);
            }
        } catch (final CertificateException | RuntimeException ex) {
            throw new IllegalArgumentException(
                    "--tls-cert " + certFile + ": not a readable PEM certificate chain (" + ex.getMessage() + ")", ex);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("--tls-cert " + certFile + ": no certificate could be read from it");
        }
        return chain;
    }

    /** @return the PKCS#8 private key of a PEM file. */
    static PrivateKey privateKey(final Path keyFile) {
        final String text = new String(read("--tls-key", keyFile), StandardCharsets.US_ASCII);
        final String convert = "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + keyFile + " -out key.pk8.pem";
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException("--tls-key " + keyFile + ": a PKCS#1/SEC1 ('BEGIN RSA/EC PRIVATE KEY')"
                    + " key; PKCS#8 ('BEGIN PRIVATE KEY') expected" + convert);
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException("--tls-key " + keyFile + ": the key is encrypted; an unencrypted PKCS#8"
                    + " key expected (keep it owner-only): openssl pkcs8 -topk8 -nocrypt -in " + keyFile
                    + " -out key.pk8.pem (it asks for the passphrase)");
        }
        final byte[] der = block(text, PRIVATE_KEY, keyFile);
        for (final String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (final InvalidKeySpecException | java.security.NoSuchAlgorithmException ex) {
                // not a key of this algorithm: try the next
            }
        }
        throw new IllegalArgumentException("--tls-key " + keyFile + ": not a PKCS#8 RSA or EC private key the JDK"
                + " can read; an unencrypted key as 'openssl genpkey' writes it expected");
    }

    /** The key is the certificate's: it signs a challenge the certificate's public key verifies. */
    private static void checkPair(
            final X509Certificate cert, final PrivateKey key, final Path certFile, final Path keyFile) {
        final PublicKey publicKey = cert.getPublicKey();
        final String mismatch = "--tls-key " + keyFile + " is not the key of the certificate in --tls-cert " + certFile
                + " (its first certificate, " + cert.getSubjectX500Principal().getName() + ")";
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException(mismatch + ": the key is " + key.getAlgorithm() + ", the certificate's "
                    + publicKey.getAlgorithm());
        }
        try {
            final String algorithm = signatureAlgorithm(key.getAlgorithm());
            final byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            final Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException(mismatch);
            }
        } catch (final GeneralSecurityException ex) {
            throw new IllegalArgumentException(mismatch + " (" + ex.getMessage() + ")", ex);
        }
    }

    private static String signatureAlgorithm(final String keyAlgorithm) {
        return switch (keyAlgorithm.toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> keyAlgorithm;
        };
    }

    /** The DER bytes of the first {@code -----BEGIN <label>-----} block of a PEM text. */
    private static byte[] block(final String text, final String label, final Path file) {
        final String begin = "-----BEGIN " + label + "-----";
        final String end = "-----END " + label + "-----";
        final int from = text.indexOf(begin);
        final int to = from < 0 ? -1 : text.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("--tls-key " + file + ": no '" + begin + "' ... '" + end + "' block in"
                    + " it: a PEM PKCS#8 private key expected"
                    + (text.contains("CERTIFICATE") ? " (this looks like a certificate: give it to --tls-cert)" : ""));
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (final IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "--tls-key " + file + ": the " + label + " block is not valid base64 (" + ex.getMessage() + ")");
        }
    }

    private static byte[] read(final String option, final Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (final java.nio.file.NoSuchFileException ex) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        } catch (final IOException ex) {
            throw new IllegalArgumentException(option + " " + file + ": cannot be read (" + ex + ")");
        }
    }
}
