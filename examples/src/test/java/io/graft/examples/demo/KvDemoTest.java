package io.graft.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KvDemoTest {

    @Test
    void demoElectsFailsOverAndLosesNothing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.lang.reflect.Constructor<KvDemo> c = KvDemo.class.getDeclaredConstructor(PrintStream.class);
        c.setAccessible(true);
        boolean ok = c.newInstance(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(printed).isTrue();
        assertThat(printed).contains("is the leader", "is the new leader", "OK: no acknowledged write was lost.");
    }
}
