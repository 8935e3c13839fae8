package io.ovl.doctor;

/** Live progress while doctor works; the CLI prints it, tests may ignore it. Called from many threads. */
public interface DoctorProgress {
    DoctorProgress NONE = new DoctorProgress() {
    };

    /** Facts of {@code host} are being gathered. */
    default void gathering(String host) {
    }

    /** {@code host} is done: reached (facts gathered) or not, with the error. */
    default void gathered(String host, java.util.Optional<String> error) {
    }

    /** The port probe starts on {@code hosts} hosts, for about {@code seconds} seconds. */
    default void probing(int hosts, int seconds) {
    }
}
