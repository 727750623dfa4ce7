package io.graft.node.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files, served from the jar ({@value #ROOT}): {@code /} is {@code index.html}; other paths name a
 * file of that folder directly (plain names only, never a sub-folder).
 */
final class StaticFiles {
    /** The class path folder of the dashboard's files. */
    static final String ROOT = "io/graft/node/admin/dashboard/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg|png)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    private final Map<String, Optional<Response>> loaded = new ConcurrentHashMap<>();

    /** The file {@code path} names, or empty when there is none. */
    Optional<Response> answer(String path) {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return loaded.computeIfAbsent(name, StaticFiles::load);
    }

    private static Optional<Response> load(String name) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return Optional.of(new Response(200, type, in.readAllBytes(), true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + name, e);
        }
    }
}
