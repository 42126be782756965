package io.osmos.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.logging.Formatter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * java.util.logging's {@code SimpleFormatter}, format property and arguments included, except that
 * {@code %3$s} is the logger's short name ({@code Master} for {@code io.osmos.master.impl.Master}),
 * as slf4j-simple wrote it: one line per record and the logger names stay readable.
 * {@code conf/logging.properties} names it for the console; the log file reuses the console's.
 */
public final class LogFormatter extends Formatter {

    static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    static final String DEFAULT_FORMAT = "%1$tFT%1$tT.%1$tL%1$tz %4$-7s %3$s - %5$s%6$s%n";

    private final String format;

    public LogFormatter() {
        this(configuredFormat());
    }

    LogFormatter(String format) {
        this.format = format;
    }

    /** As SimpleFormatter: the system property first, then the LogManager's configuration. */
    private static String configuredFormat() {
        String format = System.getProperty(FORMAT_PROPERTY);
        if (format == null) {
            format = LogManager.getLogManager().getProperty(FORMAT_PROPERTY);
        }
        return format == null || format.isBlank() ? DEFAULT_FORMAT : format;
    }

    @Override
    public String format(LogRecord record) {
        ZonedDateTime time = ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
        String source = record.getLoggerName();
        if (record.getSourceClassName() != null) {
            source = record.getSourceClassName()
                    + (record.getSourceMethodName() == null ? "" : " " + record.getSourceMethodName());
        }
        String thrown = "";
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            thrown = trace.toString();
        }
        return String.format(format, time, source, shortName(record.getLoggerName()),
                record.getLevel().getLocalizedName(), formatMessage(record), thrown);
    }

    static String shortName(String loggerName) {
        if (loggerName == null || loggerName.isEmpty()) {
            return "root";
        }
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
