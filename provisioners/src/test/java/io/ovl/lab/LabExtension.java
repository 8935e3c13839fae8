package io.ovl.lab;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A lab of its own for one test class: started before the class's {@code @BeforeAll} methods,
 * closed after its {@code @AfterAll} methods. Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LabExtension LAB = new LabExtension("day2", LabLayout.of("20.10", "20.10"));
 *
 * @BeforeAll
 * static void up() {
 *     h2 = LAB.host("h2");
 * }
 * }</pre>
 *
 * <p>It does what every such class wrote by hand: {@link Lab#start(String, LabLayout)} under
 * {@link Lab#uniqueName(String)}, so the class is aborted with the printed reason when the lab
 * cannot start or this is not root, and {@link Lab#close()} when the class is done, which fails
 * the class when {@code lab/down} fails. JUnit runs the after-all callbacks of an extension whose
 * before-all callback ran even when a test or the class's own {@code @BeforeAll} failed, so the
 * lab is taken down then too (LabExtensionTest checks both orders).
 *
 * <p>Register it in a static field: JUnit registers an extension held in an instance field only
 * once the test instance exists, too late for before-all callbacks. A class that starts a lab inside a test, or tears it down in a test and checks what
 * is left, keeps calling {@link Lab#start(String, LabLayout)} itself.
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<Lab> start;
    // Set in beforeAll, cleared in afterAll; one class's callbacks run on one thread, in order.
    private Lab lab;

    /** A lab named {@code Lab.uniqueName(prefix)} laid out as {@code layout}. */
    public LabExtension(String prefix, LabLayout layout) {
        this(() -> Lab.start(Lab.uniqueName(prefix), layout));
    }

    /** For LabExtensionTest, which cannot start a real lab. */
    LabExtension(Supplier<Lab> start) {
        this.start = start;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (lab != null) {
            // One field per class: a second class (a subclass, say) would take down the first's lab.
            throw new IllegalStateException("lab " + lab.name() + " is already up for another test class");
        }
        lab = start.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Lab started = lab;
        lab = null;
        if (started != null) {
            started.close();
        }
    }

    /** The running lab; from the class's {@code @BeforeAll} on, until its {@code @AfterAll} methods have run. */
    public Lab lab() {
        if (lab == null) {
            throw new IllegalStateException("no lab: LabExtension starts it before @BeforeAll and only in a static @RegisterExtension field");
        }
        return lab;
    }

    /** Shorthand for {@code lab().host(id)}. */
    public LabHost host(String id) {
        return lab().host(id);
    }
}
