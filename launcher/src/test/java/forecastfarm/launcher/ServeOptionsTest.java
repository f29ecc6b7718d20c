package forecastfarm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import forecastfarm.launcher.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code farm serve}'s TLS, input and worker options refused before anything starts or binds: a non-loopback address
 * without TLS, one of --tls-cert and --tls-key without the other, a PEM file that cannot be used, an --allow-dir that
 * is not a directory, a --max-worker-rss-mb below 1. Each is a usage error naming the option and what to do. (A server that would start instead of refusing
 * fails the test by its timeout.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeOptionsTest {
    @TempDir
    Path tmp;

    private String refused(final String... options) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final String[] args = new String[options.length + 3];
        args[0] = "serve";
        args[1] = "--farm-dir";
        args[2] = tmp.resolve("farm").toString();
        System.arraycopy(options, 0, args, 3, options.length);
        final int exit = FarmCli.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        final String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, exit, message);
        assertFalse(Files.exists(tmp.resolve("farm")), "nothing started: " + message);
        return message;
    }

    @Test
    void aNonLoopbackAddressWithoutTlsIsRefusedSayingWhatToDo() {
        final String message = refused("--listen", "0.0.0.0:0");
        assertTrue(message.startsWith("error: --listen 0.0.0.0:0: an address other than loopback"), message);
        assertTrue(message.contains("give --tls-cert FILE --tls-key FILE (PEM)"), message);
        assertTrue(message.contains("through an SSH tunnel"), message);
    }

    @Test
    void oneOfTheTlsOptionsWithoutTheOtherIsRefused() throws Exception {
        final Path cert = Files.writeString(tmp.resolve("cert.pem"), "x");
        final String onlyCert = refused("--tls-cert", cert.toString());
        assertTrue(onlyCert.startsWith("error: --tls-cert and --tls-key go together: give both"), onlyCert);
        assertEquals(onlyCert, refused("--tls-key", cert.toString(), "--listen", "0.0.0.0:0"));
    }

    @Test
    void aTlsFileThatCannotBeUsedIsNamedBeforeAnythingBinds() throws Exception {
        final Path cert = Files.writeString(tmp.resolve("cert.pem"), "not a certificate\n");
        final String message = refused(
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                tmp.resolve("key.pem").toString());
        assertTrue(message.startsWith("error: --tls-cert " + cert + ": no certificate in it"), message);
    }

    @Test
    void anRssLimitBelowOneMbIsRefused() {
        final String message = refused("--max-worker-rss-mb", "0");
        assertEquals("error: --max-worker-rss-mb must be 1 or more (MB), got 0 MB\n", message);
    }

    @Test
    void anAllowDirThatIsNotADirectoryIsRefused() {
        final String message = refused("--allow-dir", tmp.resolve("nowhere").toString());
        assertEquals("error: --allow-dir " + tmp.resolve("nowhere") + ": no such directory\n", message);
    }
}
