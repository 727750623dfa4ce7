package io.graft.examples.kv;

import java.util.Random;

/** Seeded random commands, results and text for property-style tests; same seed, same sequence. */
final class RandomKv {

    private static final String[] SAMPLES = {"", "a", "é", "日本語", "\uD83D\uDE00", "naïve café", "\u0000", "x y"};

    private final Random random;
    private final int keySpace;

    /**
     * @param keySpace how many distinct generated keys, small to make commands collide on keys
     */
    RandomKv(long seed, int keySpace) {
        this.random = new Random(seed);
        this.keySpace = keySpace;
    }

    KvCommand command() {
        String key = key();
        switch (random.nextInt(4)) {
            case 0:
                return KvCommand.put(key, text());
            case 1:
                return KvCommand.get(key);
            case 2:
                return KvCommand.delete(key);
            default:
                return KvCommand.compareAndSet(key, nullableText(), nullableText());
        }
    }

    KvResult result() {
        return new KvResult(random.nextBoolean(), nullableText());
    }

    String key() {
        return random.nextInt(5) == 0 ? text() : "k" + random.nextInt(keySpace);
    }

    /** Null one time in four; values drawn from a small set so that compare-and-set sometimes matches. */
    String nullableText() {
        int pick = random.nextInt(8);
        if (pick < 2) {
            return null;
        }
        if (pick < 5) {
            return "v" + random.nextInt(3);
        }
        return text();
    }

    /** Well-formed text: empty, ASCII, accented, CJK, supplementary code points, control characters. */
    String text() {
        if (random.nextInt(4) == 0) {
            return SAMPLES[random.nextInt(SAMPLES.length)];
        }
        int length = random.nextInt(40);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(codePoint());
        }
        return sb.toString();
    }

    private int codePoint() {
        switch (random.nextInt(4)) {
            case 0:
                return random.nextInt(0x80);
            case 1:
                return 0x80 + random.nextInt(0x800 - 0x80);
            case 2:
                int cp = 0x800 + random.nextInt(0x10000 - 0x800);
                return Character.isSurrogate((char) cp) ? 'z' : cp;
            default:
                return 0x10000 + random.nextInt(Character.MAX_CODE_POINT + 1 - 0x10000);
        }
    }

    /** A string of about {@code megabytes} MiB of UTF-8, mixing one- to four-byte code points. */
    String large(int megabytes) {
        int target = megabytes << 20;
        StringBuilder sb = new StringBuilder(target);
        int bytes = 0;
        while (bytes < target) {
            int cp = codePoint();
            sb.appendCodePoint(cp);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        return sb.toString();
    }

    Random random() {
        return random;
    }
}
