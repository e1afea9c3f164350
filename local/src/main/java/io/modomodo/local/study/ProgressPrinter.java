package io.modomodo.local.study;

import java.io.PrintWriter;

/**
 * Shows progress lines: in a terminal one line redrawn in place; in a log (CI) a new line at each
 * milestone and at most every {@code quietMillis} otherwise, so logs stay short but show it is alive.
 */
final class ProgressPrinter {

    private final PrintWriter out;
    private final boolean interactive;
    private final long quietMillis;
    private String lastMilestone;
    private long lastPrinted;
    private int lastLength;
    private boolean open;

    ProgressPrinter(PrintWriter out, boolean interactive, long quietMillis) {
        this.out = out;
        this.interactive = interactive;
        this.quietMillis = quietMillis;
    }

    void update(String line, String milestone, long nowMillis) {
        if (interactive) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            open = true;
            out.flush();
            return;
        }
        if (!milestone.equals(lastMilestone) || nowMillis - lastPrinted >= quietMillis) {
            out.println(line);
            out.flush();
            lastMilestone = milestone;
            lastPrinted = nowMillis;
        }
    }

    /** Ends the redrawn line, so what follows starts on its own. */
    void finish() {
        if (open) {
            out.println();
            out.flush();
            open = false;
            lastLength = 0;
        }
    }
}
