package forecastfarm.launcher.serve;

import forecastfarm.shared.FarmDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The clients a served farm knows, each a name and a bearer token: {@code <farm-dir>/api-token} holds the
 * {@code default} client's token (created at the first start, owner-only), which the command line reads. The name is
 * the job owner: fairness is round-robin between clients. Tokens are compared in constant time.
 */
final class ApiTokens {
    static final String DEFAULT_CLIENT = "default";
    private static final int TOKEN_BYTES = 32;

    private final Map<String, byte[]> tokensByClient;

    private ApiTokens(final Map<String, byte[]> tokensByClient) {
        this.tokensByClient = tokensByClient;
    }

    static Path file(final FarmDirectory farm) {
        return farm.root().resolve("api-token");
    }

    /** Reads the default client's token, creating it (owner-only) at the first start. */
    static ApiTokens loadOrCreate(final FarmDirectory farm) {
        final Path file = file(farm);
        try {
            if (!Files.exists(file)) {
                final byte[] random = new byte[TOKEN_BYTES];
                new SecureRandom().nextBytes(random);
                final Path tmp = file.resolveSibling("api-token.tmp");
                Files.writeString(tmp, HexFormat.of().formatHex(random) + "\n", StandardCharsets.US_ASCII);
                FarmDirectory.makeOwnerOnlyFile(tmp);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            final String token =
                    Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (token.isEmpty()) {
                throw new IllegalStateException(file + " is empty; delete it to have a new token made");
            }
            final Map<String, byte[]> tokens = new LinkedHashMap<>();
            tokens.put(DEFAULT_CLIENT, token.getBytes(StandardCharsets.US_ASCII));
            return new ApiTokens(tokens);
        } catch (final IOException ex) {
            throw new UncheckedIOException("cannot read or create " + file + ": " + ex.getMessage(), ex);
        }
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
        for (final Map.Entry<String, byte[]> client : tokensByClient.entrySet()) {
            if (MessageDigest.isEqual(client.getValue(), given)) {
                return Optional.of(client.getKey());
            }
        }
        return Optional.empty();
    }
}
