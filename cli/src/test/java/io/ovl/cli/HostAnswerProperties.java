package io.ovl.cli;

import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmNetwork;
import io.ovl.docker.SwarmNode;
import io.ovl.doctor.BoundSocket;
import io.ovl.doctor.ClockSample;
import io.ovl.doctor.DockerNetwork;
import io.ovl.doctor.SwarmNodeRow;
import io.ovl.facts.DaemonJson;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.DockerVersion;
import io.ovl.facts.DockerdCommandLine;
import io.ovl.facts.DockerdLog;
import io.ovl.facts.EngineVersion;
import io.ovl.facts.IpFamily;
import io.ovl.facts.IpJson;
import io.ovl.facts.KernelVersion;
import io.ovl.facts.ListeningSockets;
import io.ovl.facts.OsRelease;
import io.ovl.facts.SystemdShowExecStart;
import io.ovl.facts.SystemdUnit;
import io.ovl.facts.UnparseableOutputException;
import io.ovl.net.OverlayNetwork;
import io.ovl.kvmode.StoreContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What a host answers is input too: generated and mutated remote output fed to the pure parsers
 * of remote output. Each either returns a value or refuses with {@link UnparseableOutputException}
 * (the one documented refusal, which the commands turn into a finding or a one-line error, printed
 * through {@link EscapingWriter}) with a message, never another exception, within a bound.
 */
class HostAnswerProperties {
    static final Duration BOUND = Duration.ofSeconds(5);

    /** Every parser of remote output, by name, each with a real capture of what it parses. */
    static final Map<String, Function<String, Object>> PARSERS = new LinkedHashMap<>();
    static final Map<String, String> SAMPLES = new LinkedHashMap<>();

    static {
        parser("DockerInfo", DockerInfo::parse, "/io/ovl/facts/docker-info-26-swarm-active.json");
        parser("DockerVersion", DockerVersion::parse, "/io/ovl/facts/docker-version-26.json");
        parser("IpJson.addr", IpJson::parseAddr, "/io/ovl/facts/ip-j-addr-lab-host.json");
        parser("IpJson.route", s -> IpJson.parseRoute(s, IpFamily.values()[0]), "/io/ovl/facts/ip-j-route-lab-host.json");
        parser("ListeningSockets", ListeningSockets::parse, "/io/ovl/facts/ss-H-lntu-lab-host.txt");
        parser("SystemdUnit", s -> SystemdUnit.parseCat(s).effectiveExecStart(), "/io/ovl/facts/systemctl-cat-docker-debian12-ovl-dropin.txt");
        parser("SystemdShowExecStart", SystemdShowExecStart::parse, "/io/ovl/facts/systemctl-show-docker-execstart-debian12.txt");
        parser("DaemonJson", DaemonJson::parse, null);
        parser("DaemonJson.conflicts", s -> DaemonJson.conflicts(s, List.of("-H", "fd://", "--cluster-store=etcd://x:2379")), null);
        parser("DockerdLog", DockerdLog::scan, "/io/ovl/facts/journal-docker-20.10-unreachable-store.txt");
        parser("OsRelease", OsRelease::parse, "/io/ovl/facts/os-release-debian12.txt");
        parser("KernelVersion", KernelVersion::parse, "/io/ovl/facts/uname-r-this-machine.txt");
        parser("EngineVersion", EngineVersion::parse, null);
        parser("DockerdCommandLine", DockerdCommandLine::parseArgs, null);
        parser("SwarmNetwork", SwarmNetwork::parseList, "/migrate/swarm-networks-h1-20.10.json");
        parser("NodeInfo", NodeInfo::parse, "/swarm/info-26-manager.json");
        parser("SwarmNode", SwarmNode::parseList, "/swarm/nodes-26.json");
        parser("BoundSocket", BoundSocket::parse, "/io/ovl/facts/ss-H-lntu-lab-etcd.txt");
        parser("SwarmNodeRow", SwarmNodeRow::parseLines, null);
        parser("DockerNetwork", DockerNetwork::parseInspect, "/net/docker-network-inspect-all.json");
        parser("OverlayNetwork", OverlayNetwork::parseInspect, "/net/docker-network-inspect-all.json");
        parser("StoreContainer", StoreContainer::parseInspect, null);
        parser("ClockSample", s -> ClockSample.parse(Instant.EPOCH, Instant.EPOCH.plusSeconds(1), s), null);
    }

    private static void parser(String name, Function<String, Object> parse, String sample) {
        PARSERS.put(name, parse);
        SAMPLES.put(name, sample == null ? "" : resource(sample));
    }

    static String resource(String path) {
        try (InputStream in = HostAnswerProperties.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<String> ODD_JSON = List.of("{}", "[]", "null", "[null]", "[{}]", "{\"a\":".repeat(3000), "[".repeat(5000), "\"x\"", "1e99999", "[1]",
            "{\"Name\":[]}", "");

    /** Hostile text alone, or a real capture with hostile text put in, a part cut out, or cut short: {parser, text}. */
    static String[] answer(Gen g) {
        String name = g.of(List.copyOf(PARSERS.keySet()));
        String sample = SAMPLES.get(name);
        String text = switch (g.between(0, 4)) {
            case 0 -> HostileInputProperties.hostile(g);
            case 1 -> g.of(ODD_JSON);
            default -> mutated(g, sample);
        };
        return new String[] {name, text};
    }

    static String mutated(Gen g, String sample) {
        if (sample.isEmpty()) {
            return HostileInputProperties.hostile(g);
        }
        switch (g.between(0, 3)) {
            case 0: {
                int i = g.between(0, sample.length());
                return sample.substring(0, i) + HostileInputProperties.hostile(g) + sample.substring(i);
            }
            case 1: {
                int i = g.between(0, sample.length());
                int j = g.between(0, sample.length());
                return sample.substring(0, Math.min(i, j)) + sample.substring(Math.max(i, j));
            }
            case 2:
                return sample.substring(0, g.between(0, sample.length()));
            default: {
                int i = g.between(0, sample.length());
                String h = g.of("\"", "null", "1", "[]", "{}", "-1", "99999999999999999999", "true", "\"\u001b[2J\"");
                int colon = sample.indexOf(':', i);
                if (colon < 0) {
                    return sample + h;
                }
                int end = colon + 1;
                while (end < sample.length() && ",}]\n".indexOf(sample.charAt(end)) < 0) {
                    end++;
                }
                return sample.substring(0, colon + 1) + h + sample.substring(end);
            }
        }
    }

    @Test
    void parsersRefuseWithUnparseableOutputOnly() {
        Gen.forAll("parsersRefuseWithUnparseableOutputOnly", 3000, g -> {
            String[] answer = answer(g);
            check(answer[0], answer[1]);
        });
    }

    /**
     * A renderer that quotes what hosts said (node names, network names, reasons): whatever they
     * hold, the text printed through the commands' writer has no raw control character, and the
     * JSON printed through it parses back to the very same names.
     */
    @Test
    void renderedHostTextIsPrintedSafely() {
        Gen.forAll("renderedHostTextIsPrintedSafely", 300,
                g -> renderedHostText(HostileInputProperties.hostile(g), HostileInputProperties.hostile(g), HostileInputProperties.hostile(g)));
    }

    static void renderedHostText(String host, String network, String why) throws Exception {
        io.ovl.swarm.SwarmResetPlan plan = new io.ovl.swarm.SwarmResetPlan(host, List.of(network),
                List.of(new io.ovl.swarm.SwarmResetPlan.Leave(host, "n" + network, true, false, why)), List.of(), List.of());
        java.io.StringWriter sink = new java.io.StringWriter();
        java.io.PrintWriter out = EscapingWriter.guard(sink);
        out.print(SwarmView.resetPlanText(plan));
        out.flush();
        sink.toString().chars().filter(EscapingWriter::unsafe).findFirst()
                .ifPresent(c -> { throw new AssertionError(String.format("raw U+%04X in %s", c, EscapingWriter.escape(sink.toString()))); });
        java.io.StringWriter jsonSink = new java.io.StringWriter();
        java.io.PrintWriter jsonOut = EscapingWriter.guard(jsonSink);
        jsonOut.print(Json.write(SwarmView.resetPlanJson(plan)));
        jsonOut.flush();
        String back = new com.fasterxml.jackson.databind.ObjectMapper().readTree(jsonSink.toString()).get("leave").get(0).get("host").asText();
        if (!back.equals(host)) {
            throw new AssertionError("JSON changed " + EscapingWriter.escape(host) + " to " + EscapingWriter.escape(back));
        }
    }

    static void check(String name, String text) {
        Function<String, Object> parse = PARSERS.get(name);
        Throwable refused = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(BOUND, () -> {
            try {
                parse.apply(text);
                return null;
            } catch (UnparseableOutputException e) {
                return e;
            }
        }, () -> name + " hung on " + EscapingWriter.escape(text));
        if (refused != null && (refused.getMessage() == null || refused.getMessage().isBlank())) {
            throw new AssertionError(name + " refused without saying why: " + EscapingWriter.escape(text));
        }
    }
}
