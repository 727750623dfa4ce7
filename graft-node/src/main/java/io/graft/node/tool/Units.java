package io.graft.node.tool;

import java.time.Duration;
import java.util.Locale;

/** How the tool writes durations and sizes for people. */
final class Units {
    private Units() {
    }

    /** A timeout as the user would write it: {@code 5 s}, {@code 300 ms}. */
    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** A short wait, to a tenth of a millisecond: {@code 1.3 ms}. */
    static String latency(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    /** A time since something happened: {@code 12 ms}, {@code 3.2 s}, then {@link #uptime}. */
    static String ago(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        if (d.toSeconds() < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        return uptime(d);
    }

    /** A long duration in its largest units: {@code 2d 3h 4m 5s}, {@code 4m 5s}, {@code 5s}. */
    static String uptime(Duration d) {
        long s = d.toSeconds();
        long days = s / 86_400;
        long hours = s / 3600 % 24;
        long minutes = s / 60 % 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + "d " + hours + "h " + minutes + "m " + seconds + "s";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m " + seconds + "s";
        }
        return minutes > 0 ? minutes + "m " + seconds + "s" : seconds + "s";
    }

    /** A size in bytes, in the largest binary unit that keeps it at least 1: {@code 678 B}, {@code 12.1 KiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
