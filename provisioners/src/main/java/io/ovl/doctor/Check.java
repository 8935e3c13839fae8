package io.ovl.doctor;

import io.ovl.core.Finding;
import java.util.List;

/**
 * One thing doctor checks. Implementations are pure functions of the {@link DoctorContext}: all
 * host access happened before, so every check is unit-testable on facts from captured outputs.
 */
public interface Check {
    /** Stable name, used by --ignore and in JSON ("kernel.version"). Never rename. */
    String name();

    /** One line saying what is checked and why it matters. */
    String description();

    CheckSeverity severity();

    /**
     * One verdict per host the check concerns, in topology order, each {@link Finding#on on its host};
     * the runner names the check ({@link Finding#subject}) and applies {@link #severity()} and --ignore.
     */
    List<Finding> evaluate(DoctorContext context);
}
