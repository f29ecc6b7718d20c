package forecastfarm.launcher.serve;

import forecastfarm.shared.FarmDirectory;
import java.nio.file.Files;

/** {@code farm token add NAME}: a client of its own for a served farm (see {@link ApiTokens}). */
public final class Tokens {
    private Tokens() {}

    /**
     * @return the new client's token.
     * @throws IllegalArgumentException for a farm dir that does not exist, a bad name or one that exists.
     */
    public static String add(final FarmDirectory farm, final String name) {
        if (!Files.isDirectory(farm.root())) {
            throw new IllegalArgumentException("no farm dir " + farm.root() + "; start farm serve there first");
        }
        return ApiTokens.add(farm, name);
    }
}
