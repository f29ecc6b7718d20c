package forecastfarm.launcher;

import forecastfarm.launcher.client.ServedFarm;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a served farm is and which client speaks to it, a picocli mixin of the client commands: by default both come
 * from the served farm's dir ({@code --farm-dir}: its serve.url and api-token); {@code --url} and {@code
 * --token-file} name a farm elsewhere or another client.
 */
final class ServerAddress {
    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "the served farm's base URL (default: the farm dir's serve.url)")
    String url;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "a file holding the client's bearer token (default: the farm dir's api-token, the default"
                    + " client's; 'farm token add NAME' makes others)")
    Path tokenFile;

    ServedFarm connect(final Path farmDir) {
        final String token = tokenFile == null
                ? null
                : ServedFarm.read(tokenFile, "it should hold the token 'farm token add NAME' printed");
        return ServedFarm.connect(farmDir, url, token);
    }
}
