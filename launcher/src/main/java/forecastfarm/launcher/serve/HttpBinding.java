package forecastfarm.launcher.serve;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import javax.net.ssl.SSLContext;

/**
 * The JDK server {@link FarmServer} runs on: HTTP, or HTTPS ({@code HttpsServer}) with a TLS context from
 * {@link PemTls}. A connection must send its whole request, TLS handshake, headers and body, within
 * {@link #MAX_REQUEST_S} seconds (the JDK server's {@code sun.net.httpserver.maxReqTime}, unless the JVM was given
 * one), so a client that connects and sends nothing, or too little, holds nothing for long; responses (event streams,
 * results) are not bounded.
 *
 * <p>Its sockets are TCP_NODELAY ({@code sun.net.httpserver.nodelay}, unless the JVM was given it). The JDK server
 * writes a response's headers and its body separately; with Nagle's algorithm the body then waits for the client's
 * acknowledgement of the headers, which a client on a kept-alive connection delays by up to 40 ms: every request of
 * such a client (Java's HttpClient, Python's requests.Session, a browser) took 47 ms instead of 3-4 ms here.
 */
final class HttpBinding {
    /** Seconds a connection has to send a whole request: a 64 MiB body at about 0.5 MB/s. */
    static final int MAX_REQUEST_S = 120;

    private static final String MAX_REQUEST_PROPERTY = "sun.net.httpserver.maxReqTime";
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final int BACKLOG = 64;

    private HttpBinding() {}

    /** @param tls serve HTTPS with it, or null: plain HTTP (on a loopback address only, as the options check). */
    static HttpServer bind(final InetSocketAddress listen, final SSLContext tls) throws IOException {
        // read once, when the JDK's server classes load: before the first server is made
        defaultProperty(MAX_REQUEST_PROPERTY, Integer.toString(MAX_REQUEST_S));
        defaultProperty(NO_DELAY_PROPERTY, "true");
        if (tls == null) {
            return HttpServer.create(listen, BACKLOG);
        }
        final HttpsServer https = HttpsServer.create(listen, BACKLOG);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        return https;
    }

    private static void defaultProperty(final String name, final String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    /**
     * @return where clients reach the server: {@code http://} or {@code https://}, the address it listens on, or this
     *     host's name when it listens on every address (the name its certificate is likely made for).
     */
    static String url(final HttpServer server) {
        final InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        if (bound.getAddress().isAnyLocalAddress()) {
            try {
                host = InetAddress.getLocalHost().getCanonicalHostName();
            } catch (final UnknownHostException ex) {
                host = InetAddress.getLoopbackAddress().getHostAddress();
            }
        }
        return (server instanceof HttpsServer ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host)
                + ":" + bound.getPort();
    }
}
