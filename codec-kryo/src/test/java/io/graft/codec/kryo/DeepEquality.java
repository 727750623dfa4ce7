package io.graft.codec.kryo;

import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts that a decoded value equals the original in content and in classes, looking inside arrays, records,
 * lists, maps and optionals (records holding a {@code byte[]} are not {@code equals} otherwise). Iterative, so
 * that values nested hundreds deep do not overflow the test's own stack.
 */
final class DeepEquality {

    private DeepEquality() {
    }

    static void assertDeepEquals(Object expected, Object actual) {
        Deque<Object[]> pending = new ArrayDeque<>();
        pending.push(new Object[] {expected, actual, "value"});
        while (!pending.isEmpty()) {
            Object[] pair = pending.pop();
            Object e = pair[0];
            Object a = pair[1];
            String path = (String) pair[2];
            if (e == null || a == null) {
                assertThat(a).as(path).isEqualTo(e);
                continue;
            }
            assertThat(a.getClass()).as(path + " class").isEqualTo(e.getClass());
            if (e.getClass().isArray()) {
                assertThat(Objects.deepEquals(e, a)).as(path + " array contents").isTrue();
            } else if (e instanceof Record) {
                for (RecordComponent rc : e.getClass().getRecordComponents()) {
                    pending.push(new Object[] {get(rc, e), get(rc, a), path + "." + rc.getName()});
                }
            } else if (e instanceof List) {
                List<?> el = (List<?>) e;
                List<?> al = (List<?>) a;
                assertThat(al).as(path + " size").hasSize(el.size());
                Iterator<?> ei = el.iterator();
                Iterator<?> ai = al.iterator();
                for (int i = 0; ei.hasNext(); i++) {
                    pending.push(new Object[] {ei.next(), ai.next(), path + "[" + i + "]"});
                }
            } else if (e instanceof Map) {
                Map<?, ?> em = (Map<?, ?>) e;
                Map<?, ?> am = (Map<?, ?>) a;
                assertThat(am.keySet()).as(path + " keys").isEqualTo(em.keySet());
                if (e instanceof java.util.LinkedHashMap || e instanceof java.util.SortedMap) {
                    assertThat(List.copyOf(am.keySet())).as(path + " key order").isEqualTo(List.copyOf(em.keySet()));
                }
                for (Map.Entry<?, ?> entry : em.entrySet()) {
                    pending.push(new Object[] {entry.getValue(), am.get(entry.getKey()), path + "{" + entry.getKey() + "}"});
                }
            } else if (e instanceof Optional) {
                pending.push(new Object[] {((Optional<?>) e).orElse(null), ((Optional<?>) a).orElse(null), path + ".get"});
            } else {
                assertThat(a).as(path).isEqualTo(e);
            }
        }
    }

    private static Object get(RecordComponent rc, Object record) {
        try {
            rc.getAccessor().setAccessible(true);
            return rc.getAccessor().invoke(record);
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }
}
