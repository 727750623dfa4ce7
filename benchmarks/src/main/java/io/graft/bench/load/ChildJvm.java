package io.graft.bench.load;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line of a child JVM: this JVM's {@code java}, its heap and garbage-collector flags, and its
 * class path (the load generator's jar), so that every member of a multi-process run gets the same heap and
 * collector. Other flags (JFR recordings, agents, logging to files) stay with the parent: copied, children
 * would write over the parent's files.
 */
final class ChildJvm {
    /** {@code -XX:} flags about the heap or the collector, by name. */
    private static final Pattern HEAP_OR_GC_FLAG = Pattern.compile(
            "-XX:[+-]?[A-Za-z0-9]*(GC|Heap|RAM|TLAB|Metaspace|NewSize|NewRatio|Survivor|Tenuring|PreTouch|G1"
                    + "|Shenandoah|CompressedOops|LargePages)[A-Za-z0-9]*(=.*)?");

    private ChildJvm() {
    }

    /** {@code java <heap and GC flags> -cp <this class path> <mainClass>}. */
    static List<String> command(Class<?> mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(heapAndGcFlags(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        return command;
    }

    /** The flags among {@code jvmArguments} that size the heap or choose and tune the collector. */
    static List<String> heapAndGcFlags(List<String> jvmArguments) {
        List<String> flags = new ArrayList<>();
        for (String a : jvmArguments) {
            boolean sizing = a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Xmn")
                    || a.startsWith("-Xss");
            boolean heapOrGc = HEAP_OR_GC_FLAG.matcher(a).matches() && !a.contains("HeapDump");
            if (sizing || heapOrGc) {
                flags.add(a);
            }
        }
        return flags;
    }
}
