package io.ovl.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing ovl found about a topology, a command line or a host, with how much it matters, where
 * it is, what it is about, and how to fix it. The topology validator, {@code net create}'s checks,
 * doctor's checks, init's preflight and the init, reset, swarm and migrate planners all report
 * findings; the CLI renders them as text or JSON.
 *
 * <p>Producers often build a finding before they know everything: a rule knows the key path but
 * not the line ({@link #at}), a doctor check knows what it saw but the runner names the check and
 * the host ({@link #about}, {@link #on}).
 *
 * @param subject what it is about: a key path in the topology ("hosts[1].address"), a check name
 *                ("kernel.version", "engine.cluster-store"); may be empty
 * @param message what was found, in one line
 * @param fix     what to do about it
 * @param ignored true for a failure the user accepted with --ignore: it is then reported as a
 *                {@link Severity#WARNING} and does not fail the run
 */
public record Finding(Severity severity, Location location, String subject, String message, Optional<String> fix,
                      boolean ignored) {
    /** How a finding on no one host names its host in text and JSON ("host topology: ..."). */
    public static final String WHOLE_TOPOLOGY = "topology";

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        if (ignored && severity != Severity.WARNING) {
            throw new IllegalArgumentException("an ignored failure is reported as a warning, not " + severity);
        }
    }

    public static Finding of(Severity severity, String subject, String message, Optional<String> fix) {
        return new Finding(severity, Location.NONE, subject, message, fix, false);
    }

    /** An error about {@code subject} (a key path, a check), not yet tied to a place. */
    public static Finding error(String subject, String message) {
        return of(Severity.ERROR, subject, message, Optional.empty());
    }

    public static Finding error(String subject, String message, String fix) {
        return of(Severity.ERROR, subject, message, Optional.of(fix));
    }

    public static Finding warning(String subject, String message) {
        return of(Severity.WARNING, subject, message, Optional.empty());
    }

    public static Finding warning(String subject, String message, String fix) {
        return of(Severity.WARNING, subject, message, Optional.of(fix));
    }

    /** An error on one host: a reason for init, reset, swarm or migrate not to start changing anything. */
    public static Finding onHost(String host, String subject, String message) {
        return error(subject, message).on(host);
    }

    // A doctor check's verdict on a host; the runner adds the check's name and the host.

    public static Finding pass(String message) {
        return of(Severity.PASS, "", message, Optional.empty());
    }

    public static Finding warn(String message, String fix) {
        return of(Severity.WARNING, "", message, Optional.of(fix));
    }

    public static Finding fail(String message, String fix) {
        return of(Severity.ERROR, "", message, Optional.of(fix));
    }

    public static Finding skip(String message) {
        return of(Severity.SKIP, "", message, Optional.empty());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The host it is on ({@link Location.OnHost}), or {@value #WHOLE_TOPOLOGY} for a finding on no
     * one host: about the whole cluster, or a place in the topology file.
     */
    public String host() {
        return location instanceof Location.OnHost h ? h.host() : WHOLE_TOPOLOGY;
    }

    public Finding at(Location where) {
        return new Finding(severity, where, subject, message, fix, ignored);
    }

    public Finding on(String host) {
        return at(new Location.OnHost(host));
    }

    public Finding about(String what) {
        return new Finding(severity, location, what, message, fix, ignored);
    }

    /** The same finding under a parent key: {@code under("networks[1]")} turns "gateway" into "networks[1].gateway". */
    public Finding under(String parent) {
        return about(parent.isEmpty() ? subject : subject.isEmpty() ? parent : parent + "." + subject);
    }

    public Finding withSeverity(Severity s) {
        return new Finding(s, location, subject, message, fix, ignored);
    }

    /** A failure accepted with --ignore: a warning, marked as ignored. */
    public Finding asIgnored() {
        return new Finding(Severity.WARNING, location, subject, message, fix, true);
    }

    /**
     * The one-line form, by where the finding is:
     * <ul>
     *   <li>in a file, as compilers and editors write it:
     *       {@code topology.yaml:12:5: hosts[1].adress: unknown key; did you mean 'address'?}</li>
     *   <li>on a host: {@code host h2: engine.cluster-store: Docker Engine 26.1 has no ...; fix: ...};
     *       a finding about the whole cluster names the host "topology"</li>
     * </ul>
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (location instanceof Location.InFile f) {
            sb.append(f.file()).append(':').append(f.line()).append(':').append(f.column()).append(": ");
            if (severity == Severity.WARNING) {
                sb.append("warning: ");
            }
            if (!subject.isEmpty()) {
                sb.append(subject).append(": ");
            }
            sb.append(message);
            fix.ifPresent(h -> sb.append("; ").append(h));
            return sb.toString();
        }
        if (location instanceof Location.OnHost h) {
            sb.append("host ").append(h.host());
        } else if (location instanceof Location.BetweenHosts p) {
            sb.append("from host ").append(p.from()).append(" to host ").append(p.to());
        } else {
            sb.append("host ").append(host());
        }
        sb.append(": ");
        if (!subject.isEmpty()) {
            sb.append(subject).append(": ");
        }
        return sb.append(messageWithFix()).toString();
    }

    /** The message and, when there is one, "; fix: " and the fix. */
    public String messageWithFix() {
        return message + fix.map(h -> "; fix: " + h).orElse("");
    }
}
