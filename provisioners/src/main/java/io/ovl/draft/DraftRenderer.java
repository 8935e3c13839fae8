package io.ovl.draft;

import io.ovl.render.Template;
import io.ovl.topology.Become;
import io.ovl.topology.Mode;
import io.ovl.topology.SwarmSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link TopologyDraft} as a commented topology file from {@code templates/new-topology.yaml}.
 * Values typed by the operator (users, addresses, paths) are YAML-quoted unless plainly safe; text
 * from hosts goes only into comments, with control characters escaped, one line each.
 */
public final class DraftRenderer {
    private static final String TEMPLATE = "new-topology.yaml";
    /** Comment lines are wrapped to this width where they have spaces. */
    static final int WIDTH = 100;
    /** A plain YAML scalar that reads back as the same string (no indicator, no number, no boolean). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/~.][A-Za-z0-9_/~.@+-]*");
    private static final Pattern NOT_A_STRING = Pattern.compile(
            "[-+]?(0x[0-9a-f_]+|0o?[0-7_]+|[0-9][0-9_]*(\\.[0-9_]*)?(e[-+]?[0-9]+)?|\\.[0-9_]+(e[-+]?[0-9]+)?|\\.inf|\\.nan)"
                    + "|y|n|yes|no|true|false|on|off|null|~", Pattern.CASE_INSENSITIVE);

    private DraftRenderer() {
    }

    /**
     * @param file    the file's name as the operator will type it in the commands of the header
     * @param command the command line that drafted it, for the header
     * @param date    when, for the header (e.g. "2026-12-06 03:55 UTC")
     */
    public static String render(TopologyDraft draft, DraftSsh ssh, String file, String command, String date) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("date", comment(date));
        v.put("command", comment(command));
        v.put("file", comment(file));
        v.put("review", draft.review().stream().flatMap(r -> wrap(comment(r), "#   - ", "#     ").stream()).toList());
        v.put("mode-why", comments("", draft.modeWhy()));
        v.put("mode", draft.mode().key());
        v.put("ssh", ssh(ssh));
        v.put("mode-section", modeSection(draft));
        v.put("hosts", hosts(draft));
        v.put("networks", networks(draft));
        return Template.load(TEMPLATE).render(v);
    }

    private static List<String> ssh(DraftSsh ssh) {
        List<String> out = new ArrayList<>();
        out.add(ssh.user().map(u -> "  user: " + scalar(u)).orElse(
                "  # user: not set, so ~/.ssh/config's User, else your local user name (as ssh would)"));
        out.add(ssh.port().map(p -> "  port: " + p).orElse("  # port: not set, so ~/.ssh/config's Port, else 22"));
        if (ssh.become() == Become.SUDO) {
            out.add("  become: sudo                  # privileged commands through one `sudo -n` per host (passwordless)");
        } else {
            out.add("  become: none                  # commands run as the login user: root, for ovl init");
        }
        if (!ssh.identityFiles().isEmpty()) {
            out.add("  identity-files: [" + String.join(", ", ssh.identityFiles().stream().map(Path::toString)
                    .map(DraftRenderer::scalar).toList()) + "]");
        }
        ssh.knownHosts().ifPresent(k -> out.add("  known-hosts: " + scalar(k.toString())));
        out.add("  host-key-policy: strict       # an unknown or changed host key is refused");
        return out;
    }

    private static List<String> modeSection(TopologyDraft draft) {
        List<String> out = new ArrayList<>();
        if (draft.store().isPresent()) {
            TopologyDraft.Store s = draft.store().get();
            out.addAll(comments("", s.comments()));
            out.add("kv-store:");
            out.add("  backend: " + s.backend().key());
            out.add("  hosts: [" + s.host() + "]");
            out.add("  port: " + s.port());
            out.add("  # image: " + s.backend().defaultImage() + "   (the default)");
        } else if (draft.mode() == Mode.SWARM) {
            out.add("# Swarm settings: Docker's defaults, written out to be seen.");
            out.add("swarm:");
            out.add("  data-path-port: " + SwarmSettings.DEFAULT_DATA_PATH_PORT
                    + "           # the UDP port of overlay (VXLAN) traffic between the hosts");
        }
        return out;
    }

    private static List<String> hosts(TopologyDraft draft) {
        List<String> out = new ArrayList<>();
        for (TopologyDraft.Host h : draft.hosts()) {
            out.addAll(comments("  ", h.comments()));
            out.add("  - name: " + h.name());
            out.add("    address: " + scalar(h.target().address()));
            h.advertise().ifPresent(a -> out.add("    advertise: " + scalar(a)));
            if (h.manager()) {
                out.add("    role: manager");
            }
            if (h.target().user().isPresent() || h.target().port().isPresent()) {
                out.add("    ssh:                        # as typed: " + comment(h.target().text()));
                h.target().user().ifPresent(u -> out.add("      user: " + scalar(u)));
                h.target().port().ifPresent(p -> out.add("      port: " + p));
            }
        }
        return out;
    }

    private static List<String> networks(TopologyDraft draft) {
        if (draft.network().isEmpty()) {
            return List.of("  []");
        }
        TopologyDraft.Network n = draft.network().get();
        List<String> out = new ArrayList<>(comments("  ", n.comments()));
        out.add("  - name: " + n.name());
        out.add("    subnet: " + n.subnet());
        n.mtu().ifPresent(m -> out.add("    mtu: " + m));
        return out;
    }

    private static List<String> comments(String indent, List<String> lines) {
        return lines.stream().flatMap(l -> wrap(comment(l), indent + "# ", indent + "#   ").stream()).toList();
    }

    /** {@code text} in lines of at most {@link #WIDTH} columns where spaces allow, the first after {@code first}. */
    static List<String> wrap(String text, String first, String next) {
        List<String> out = new ArrayList<>();
        String prefix = first;
        String rest = text;
        while (prefix.length() + rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(' ', WIDTH - prefix.length());
            if (cut <= 0) {
                break;
            }
            out.add(prefix + rest.substring(0, cut));
            rest = rest.substring(cut + 1);
            prefix = next;
        }
        out.add(prefix + rest);
        return out;
    }

    /** One comment line: control characters (and DEL, C1, bidi overrides) escaped as \\uXXXX. */
    static String comment(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** {@code text} as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
    static String scalar(String text) {
        if (PLAIN.matcher(text).matches() && !NOT_A_STRING.matcher(text).matches()) {
            return text;
        }
        StringBuilder b = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}
