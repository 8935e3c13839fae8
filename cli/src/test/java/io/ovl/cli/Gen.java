package io.ovl.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The property tests' own generator of values: a {@link Random} with a fixed seed, so that every
 * run tries the same values and a failure can be replayed. The seed is {@link #SEED} unless the
 * system property {@code ovl.gen.seed} gives another (for example
 * {@code ./mvnw -pl cli test -Dtest=HostAnswerProperties -Dovl.gen.seed=42}); every failure
 * names the seed and the try. The tests use this rather than a property-testing library: jqwik,
 * used before, has its author ask AI agents not to use it, and this project is written with them.
 */
final class Gen {
    /** The seed of every run unless {@code -Dovl.gen.seed} says otherwise. */
    static final long SEED = 0x6f766cL;

    /** One property's body, given the generator of one try. */
    @FunctionalInterface
    interface Try {
        void run(Gen g) throws Throwable;
    }

    private final Random random;

    Gen(long seed) {
        random = new Random(seed);
    }

    static long seed() {
        String s = System.getProperty("ovl.gen.seed");
        return s == null || s.isBlank() ? SEED : Long.parseLong(s.trim());
    }

    /**
     * Runs {@code body} {@code tries} times, each with its own generator derived from the seed and
     * the try's number; the first failure stops the run and says which seed and try it was.
     */
    static void forAll(String property, int tries, Try body) {
        long seed = seed();
        for (int i = 0; i < tries; i++) {
            Gen g = new Gen(seed * 1_000_003L + i);
            try {
                body.run(g);
            } catch (Throwable e) {
                throw new AssertionError(property + " failed at try " + (i + 1) + " of " + tries + " with seed " + seed
                        + " (rerun with -Dovl.gen.seed=" + seed + "): " + EscapingWriter.escape(String.valueOf(e.getMessage())), e);
            }
        }
    }

    // ---- plain values --------------------------------------------------------------------------

    /** An int in [lo, hi], both included. */
    int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    boolean bool() {
        return random.nextBoolean();
    }

    /** One of the values, each as likely. */
    @SafeVarargs
    final <T> T of(T... values) {
        return values[random.nextInt(values.length)];
    }

    <T> T of(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A length in [min, max], the two ends more likely than the rest (as property libraries do). */
    int length(int min, int max) {
        int p = random.nextInt(10);
        return p == 0 ? min : p == 1 ? max : between(min, max);
    }

    /** Any chars at all (lone surrogates, NUL, C0 and C1 controls, private use, non-characters), up to {@code max}. */
    String anyString(int max) {
        return charRange(Character.MIN_VALUE, Character.MAX_VALUE, max);
    }

    /** Chars in [lo, hi], up to {@code max} of them. */
    String charRange(char lo, char hi, int max) {
        int n = length(0, max);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) (lo + random.nextInt(hi - lo + 1)));
        }
        return b.toString();
    }

    /** Letters, digits and {@code extra}, between {@code min} and {@code max} of them. */
    String word(String extra, int min, int max) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + extra;
        int n = length(min, max);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(chars.charAt(random.nextInt(chars.length())));
        }
        return b.toString();
    }

    /** A big integer in [-bound, bound], often huge: its number of digits is chosen first. */
    BigInteger bigInteger(BigInteger bound) {
        int bits = between(0, bound.bitLength());
        BigInteger v = new BigInteger(bits, random);
        if (v.compareTo(bound) > 0) {
            v = bound;
        }
        return bool() ? v.negate() : v;
    }

    /** Any bytes, between {@code min} and {@code max} of them. */
    byte[] bytes(int min, int max) {
        byte[] b = new byte[length(min, max)];
        random.nextBytes(b);
        return b;
    }

    /** Between {@code min} and {@code max} values of {@code item}. */
    <T> List<T> list(int min, int max, java.util.function.Function<Gen, T> item) {
        int n = length(min, max);
        List<T> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(item.apply(this));
        }
        return l;
    }
}
