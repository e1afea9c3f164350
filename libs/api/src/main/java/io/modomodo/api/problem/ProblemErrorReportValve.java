package io.modomodo.api.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error page, for requests it refuses before any application code runs (a request line
 * or path it cannot parse, {@code %00} or an encoded slash in the path, headers too large), written as
 * an RFC 9457 problem like every other error instead of an HTML page. It says nothing of the server.
 * <p>
 * Install it from a context customizer that runs after Spring Boot's own (which adds a plain
 * {@link ErrorReportValve}):
 * <pre>{@code
 * @Bean
 * @Order(Ordered.LOWEST_PRECEDENCE)
 * WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
 *     return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
 * }
 * }</pre>
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    /** Replaces the host's error report valves with this one. */
    public static void install(Context context) {
        Container parent = context.getParent();
        if (parent instanceof StandardHost host) {
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            host.getPipeline().addValve(new ProblemErrorReportValve());
        }
    }

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus httpStatus = HttpStatus.resolve(status);
        ProblemType type = switch (status) {
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 413 -> ProblemType.LIMIT_EXCEEDED;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemType.SERVICE_UNAVAILABLE;
            default -> status < 500 ? ProblemType.INVALID_REQUEST : ProblemType.INTERNAL;
        };
        String detail = status == 400
                ? "The request could not be read: its request line, path or headers are malformed."
                : status < 500 ? (httpStatus == null ? type.title() : httpStatus.getReasonPhrase()) + "."
                        : "An internal error occurred.";
        String json = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // The connection is gone or the response already started: nothing more can be said.
        }
    }
}
