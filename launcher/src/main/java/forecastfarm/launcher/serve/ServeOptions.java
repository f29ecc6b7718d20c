package forecastfarm.launcher.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The options of {@code farm serve}, checked.
 *
 * @param listen       where to listen: a loopback address, or any with TLS.
 * @param tls          the TLS identity to serve HTTPS with ({@link PemTls}), or null: plain HTTP.
 * @param inputDirs    where forecast jobs' {@code "input"} files may be read ({@link AllowedDirs#NONE}: nowhere).
 * @param retentionMs  how long an ended job is kept.
 * @param taskJars     the users' task jars, absolute.
 * @param settings     what each task kind gets when a worker opens it.
 * @param maxBodyBytes the largest request body accepted.
 * @param maxJobs      jobs queued or running at most.
 * @param maxResponseMs a response not complete after this is cut; event streams end themselves before, resumable.
 */
public record ServeOptions(
        InetSocketAddress listen,
        SSLContext tls,
        AllowedDirs inputDirs,
        long retentionMs,
        List<Path> taskJars,
        ObjectNode settings,
        int maxBodyBytes,
        int maxJobs,
        long maxResponseMs) {}
