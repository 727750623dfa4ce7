package io.graft.core.plugin;

import io.graft.api.Codec;
import io.graft.api.CodecProvider;
import io.graft.api.config.Options;

/**
 * Codec providers that break the rules, offered only through {@link ServiceFilesClassLoader} so that they
 * never disturb other tests.
 */
final class MisbehavingCodecProviders {

    private MisbehavingCodecProviders() {
    }

    /** Base that makes no codecs. */
    abstract static class NoCodecs implements CodecProvider {
        @Override
        public <T> Codec<T> codecFor(Class<T> type, Options options) {
            throw new UnsupportedOperationException();
        }
    }

    /** Claims the built-in name {@code bytes}. */
    public static final class ImpostorBytes extends NoCodecs {
        @Override
        public String name() {
            return "bytes";
        }
    }

    /** Cannot be constructed. */
    public static final class FailsToStart extends NoCodecs {
        public FailsToStart() {
            throw new IllegalStateException("license key missing");
        }

        @Override
        public String name() {
            return "broken";
        }
    }

    /** Has no name. */
    public static final class Nameless extends NoCodecs {
        @Override
        public String name() {
            return " ";
        }
    }
}
