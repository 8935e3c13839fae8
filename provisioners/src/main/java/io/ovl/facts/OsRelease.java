package io.ovl.facts;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of {@code /etc/os-release} (os-release(5)) that provisioner detection uses, plus every
 * field for messages. Detection follows docker-machine: a provisioner says it is compatible when
 * {@link #isLike(String)} matches its family ("debian", "rhel", ...).
 *
 * <p>Defaults are those of os-release(5): ID "linux", PRETTY_NAME "Linux". VERSION_ID is absent on
 * rolling distributions (Arch, Debian sid), hence {@link Optional}.
 */
public record OsRelease(String id, Optional<String> versionId, String prettyName, List<String> idLike,
                        Map<String, String> fields) {

    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]*");

    public OsRelease {
        idLike = List.copyOf(idLike);
        fields = Map.copyOf(fields);
    }

    /**
     * Parses the text of an os-release file. Lines are KEY=VALUE; VALUE may be unquoted or in
     * single or double quotes, where double quotes allow the shell escapes \" \\ \$ \`.
     * Blank lines and lines starting with '#' are skipped.
     *
     * @throws UnparseableOutputException for a line that is not KEY=VALUE or has an unclosed quote
     */
    public static OsRelease parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !KEY.matcher(line.substring(0, eq)).matches()) {
                throw UnparseableOutputException.atLine("/etc/os-release", i + 1, line, "KEY=VALUE");
            }
            fields.put(line.substring(0, eq), unquote(line.substring(eq + 1), i + 1, line));
        }
        String id = fields.getOrDefault("ID", "linux");
        String pretty = fields.getOrDefault("PRETTY_NAME", "Linux");
        List<String> like = Arrays.stream(fields.getOrDefault("ID_LIKE", "").split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
        return new OsRelease(id, Optional.ofNullable(fields.get("VERSION_ID")), pretty, like, fields);
    }

    /** True when ID or one of ID_LIKE equals {@code family}: "ubuntu" is like "debian". */
    public boolean isLike(String family) {
        return id.equals(family) || idLike.contains(family);
    }

    private static String unquote(String raw, int lineNumber, String line) {
        if (raw.isEmpty()) {
            return raw;
        }
        char q = raw.charAt(0);
        if (q != '"' && q != '\'') {
            return raw;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == q) {
                if (i != raw.length() - 1) {
                    throw UnparseableOutputException.atLine("/etc/os-release", lineNumber, line,
                            "nothing after the closing quote");
                }
                return out.toString();
            }
            if (q == '"' && c == '\\' && i + 1 < raw.length() && "\"\\$`".indexOf(raw.charAt(i + 1)) >= 0) {
                c = raw.charAt(++i);
            }
            out.append(c);
        }
        throw UnparseableOutputException.atLine("/etc/os-release", lineNumber, line, "a closing " + q);
    }
}
