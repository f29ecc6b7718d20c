package forecastfarm.launcher.serve;

import forecastfarm.shared.FarmDirectory;
import forecastfarm.shared.wire.ResultKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clients a served farm knows, each a name and a bearer token. {@code <farm-dir>/api-token} holds the
 * {@code default} client's (made at the first start, owner-only), which the command line reads;
 * {@code <farm-dir>/serve/clients} holds the others, one {@code NAME TOKEN} per line (owner-only), added with
 * {@code farm token add NAME} while the server runs or not: it reads the file again when it changed. The name is the
 * job owner: fairness is round-robin between clients, and a client sees only its own jobs. Tokens are compared in
 * constant time.
 */
final class ApiTokens {
    static final String DEFAULT_CLIENT = "default";
    private static final int TOKEN_BYTES = 32;

    private final FarmDirectory farm;
    private volatile Map<String, byte[]> tokensByClient;
    /** The clients file as last read: its inode (each write renames a new file into place) and time. */
    private volatile String clientsFileVersion = "";

    private ApiTokens(final FarmDirectory farm) {
        this.farm = farm;
    }

    static Path file(final FarmDirectory farm) {
        return farm.root().resolve(Server.TOKEN_FILE);
    }

    static Path clientsFile(final FarmDirectory farm) {
        return farm.root().resolve("serve").resolve("clients");
    }

    /** Reads the tokens, making the default client's (owner-only) at the first start. */
    static ApiTokens loadOrCreate(final FarmDirectory farm) {
        final Path file = file(farm);
        if (!Files.exists(file)) {
            writeOwnerOnly(file, newToken() + "\n");
        }
        final ApiTokens tokens = new ApiTokens(farm);
        tokens.reload();
        return tokens;
    }

    /**
     * Adds a client with a new token (for {@code farm token add}).
     *
     * @return the token.
     * @throws IllegalArgumentException for a bad name or one that exists.
     */
    static String add(final FarmDirectory farm, final String name) {
        if (name == null || !ResultKey.JOB_ID.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid client name '" + name + "': 1 to 64 letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit");
        }
        final Map<String, String> clients = readClients(farm);
        if (DEFAULT_CLIENT.equals(name) || clients.containsKey(name)) {
            throw new IllegalArgumentException("client " + name + " exists already in " + farm.root());
        }
        final String token = newToken();
        clients.put(name, token);
        final StringBuilder text = new StringBuilder("# farm serve's clients: NAME TOKEN (farm token add NAME)\n");
        clients.forEach((client, secret) ->
                text.append(client).append(' ').append(secret).append('\n'));
        FarmDirectory.createOwnerOnlyDirectory(clientsFile(farm).getParent());
        writeOwnerOnly(clientsFile(farm), text.toString());
        return token;
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null.
     * @return the client whose token it carries, or empty.
     */
    Optional<String> client(final String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        final byte[] given = authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.US_ASCII);
        final Optional<String> found = match(given);
        if (found.isPresent()) {
            return found;
        }
        synchronized (this) {
            // another request may be reloading: it publishes the tokens before the version it read them at
            if (clientsFileChanged()) {
                reload();
            }
        }
        return match(given);
    }

    private Optional<String> match(final byte[] given) {
        for (final Map.Entry<String, byte[]> client : tokensByClient.entrySet()) {
            if (MessageDigest.isEqual(client.getValue(), given)) {
                return Optional.of(client.getKey());
            }
        }
        return Optional.empty();
    }

    private boolean clientsFileChanged() {
        return !version(clientsFile(farm)).equals(clientsFileVersion);
    }

    private synchronized void reload() {
        final Map<String, byte[]> tokens = new LinkedHashMap<>();
        try {
            final String token =
                    Files.readString(file(farm), StandardCharsets.US_ASCII).strip();
            if (token.isEmpty()) {
                throw new IllegalStateException(file(farm) + " is empty; delete it to have a new token made");
            }
            tokens.put(DEFAULT_CLIENT, token.getBytes(StandardCharsets.US_ASCII));
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot read " + file(farm) + ": " + ex.getMessage(), ex);
        }
        final String version = version(clientsFile(farm));
        readClients(farm).forEach((name, token) -> tokens.put(name, token.getBytes(StandardCharsets.US_ASCII)));
        tokensByClient = tokens;
        clientsFileVersion = version;
    }

    private static Map<String, String> readClients(final FarmDirectory farm) {
        final Map<String, String> clients = new LinkedHashMap<>();
        final List<String> lines;
        try {
            lines = Files.readAllLines(clientsFile(farm), StandardCharsets.US_ASCII);
        } catch (final NoSuchFileException ex) {
            return clients;
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot read " + clientsFile(farm) + ": " + ex.getMessage(), ex);
        }
        for (final String line : lines) {
            final String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && !line.startsWith("#")) {
                clients.put(parts[0], parts[1]);
            }
        }
        return clients;
    }

    private static String version(final Path file) {
        try {
            final java.nio.file.attribute.BasicFileAttributes attributes =
                    Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return attributes.fileKey() + " " + attributes.lastModifiedTime() + " " + attributes.size();
        } catch (final IOException ex) {
            return "none";
        }
    }

    private static String newToken() {
        final byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void writeOwnerOnly(final Path file, final String text) {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            FarmDirectory.makeOwnerOnlyFile(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
