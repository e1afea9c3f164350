package io.modomodo.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A study's report as one HTML file with its data, styles and scripts (ECharts included) inline, so it opens
 * from a disk, an e-mail or a CI artifact with no server and no network. It draws the same study page as
 * the console, from the data given instead of the API.
 */
public final class ReportPage {

    /** Must match {@code echarts.version} in the root pom (a test checks the resource is there). */
    static final String ECHARTS_VERSION = "5.3.1";
    static final String ECHARTS = "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION
            + "/dist/echarts.min.js";
    static final String SCRIPT = "META-INF/resources/console/console.js";
    static final String STYLE = "META-INF/resources/console/console.css";

    private ReportPage() {
    }

    /**
     * The page for one study.
     *
     * @param title the page title (the study's name)
     * @param studyJson a JSON object {@code {"study": …, "runs": […], "execution": …|null, "report": …|null}}
     *     holding what {@code GET /api/v1/studies/{id}}, its runs, its latest execution and its report return
     */
    public static String render(String title, String studyJson) {
        if (studyJson == null || !studyJson.strip().startsWith("{")) {
            throw new IllegalArgumentException("studyJson must be a JSON object");
        }
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escapeHtml(title) + " · MoDoMoDo report</title>\n"
                + "<style>\n" + resource(STYLE) + "\n</style>\n</head>\n<body>\n"
                + "<header class=\"top\"><span class=\"brand\">MoDoMoDo</span>"
                + "<span class=\"muted\">study report, offline copy</span></header>\n"
                + "<main id=\"main\" tabindex=\"-1\"></main>\n"
                + "<script>\n" + inlineScript(resource(ECHARTS)) + "\n</script>\n"
                + "<script>window.MODOMODO_REPORT = " + inlineJson(studyJson) + ";</script>\n"
                + "<script>\n" + inlineScript(resource(SCRIPT)) + "\n</script>\n</body>\n</html>\n";
    }

    /** Writes {@link #render} to {@code file} atomically: a reader never sees half a page. */
    public static void write(Path file, String title, String studyJson) {
        String page = render(title, studyJson);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".report", ".html.tmp");
            Files.writeString(temporary, page, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report page " + file, e);
        }
    }

    // Inside <script>, only "</script" ends the element early (and "<!--" with "<script" confuses it). In
    // code, "<\/script" reads the same in strings and regular expressions; JSON gets every "<" as \u003c.
    static String inlineScript(String code) {
        return code.replaceAll("(?i)<(/script)", "<\\\\$1");
    }

    static String inlineJson(String json) {
        return json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String escapeHtml(String text) {
        return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
