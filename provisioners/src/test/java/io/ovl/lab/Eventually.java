package io.ovl.lab;

import java.util.function.BooleanSupplier;

/**
 * For lab ITs: waits until something a lab host shows comes true (a member back in a store, a
 * network listed again), asking once a second, up to 60 times; then fails the test naming it.
 * Counted in tries, not by a clock, so a slow answer never shortens the wait.
 */
public final class Eventually {
    private static final int TRIES = 60;

    private Eventually() {
    }

    public static void holds(BooleanSupplier done, String what) {
        for (int i = 0; i < TRIES; i++) {
            if (done.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
