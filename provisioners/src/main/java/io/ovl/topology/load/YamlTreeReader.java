package io.ovl.topology.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.ovl.core.Finding;
import io.ovl.topology.TopologyText;
import io.ovl.topology.load.YNode.Kind;
import io.ovl.topology.load.YNode.YEntry;
import io.ovl.topology.load.YNode.YList;
import io.ovl.topology.load.YNode.YMap;
import io.ovl.topology.load.YNode.YScalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML text into a {@link YNode} tree with Jackson's streaming parser, which reports the
 * line and column of every token. Syntax errors and duplicate keys become located findings.
 */
final class YamlTreeReader {
    /** Far deeper than any topology (hosts[0].ssh.identity-files[0] is 4 levels); YAML deeper than this is refused. */
    static final int MAX_DEPTH = 32;
    /** The file is at most {@link TopologyText#MAX_BYTES} bytes, so never more code points: SnakeYAML's own default is 3 M. */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .build();

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(TopologyText.MAX_BYTES);
        o.setNestingDepthLimit(MAX_DEPTH + 1);
        o.setMaxAliasesForCollections(0); // aliases are refused below anyway; never expanded
        o.setAllowDuplicateKeys(true);    // reported below, with both lines
        return o;
    }

    record Result(Optional<YNode> root, List<Located> problems) {
    }

    private final List<Located> problems = new ArrayList<>();
    private int depth;
    private int aliases;
    static final int MAX_ALIAS_REPORTS = 20;

    static Result read(String text) {
        return new YamlTreeReader().readAll(text);
    }

    private Result readAll(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(new Located(Finding.error("", "the file is empty",
                        "start from one of the examples in examples/"), Position.START));
                return new Result(Optional.empty(), problems);
            }
            YNode root = node(p);
            if (p.nextToken() != null) {
                problems.add(new Located(Finding.error("", "more than one YAML document in the file",
                        "one topology file describes one cluster; remove the extra '---' document"), position(p)));
            }
            return new Result(Optional.of(root), problems);
        } catch (TooDeep e) {
            problems.add(e.problem);
            return new Result(Optional.empty(), problems);
        } catch (JsonProcessingException e) {
            problems.add(syntaxError(e));
            return new Result(Optional.empty(), problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from a String: not expected
        }
    }

    private YNode node(JsonParser p) throws IOException {
        Position at = position(p);
        JsonToken t = p.currentToken();
        if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            // Not a topology: stop reading here rather than walk (or overflow the stack on) the rest.
            throw new TooDeep(new Located(Finding.error("", "mappings and lists nested deeper than " + MAX_DEPTH
                    + " levels", "a topology needs 5 at most; start from one of the examples in examples/"), at));
        }
        switch (t) {
            case START_OBJECT:
                depth++;
                try {
                    return map(p, at);
                } finally {
                    depth--;
                }
            case START_ARRAY:
                depth++;
                try {
                    return list(p, at);
                } finally {
                    depth--;
                }
            case VALUE_NUMBER_INT:
                return new YScalar(at, p.getText(), Kind.INTEGER);
            case VALUE_NUMBER_FLOAT:
                return new YScalar(at, p.getText(), Kind.DECIMAL);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YScalar(at, p.getText(), Kind.BOOLEAN);
            case VALUE_NULL:
                return new YScalar(at, "", Kind.NULL);
            default:
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    // The streaming parser does not resolve aliases: it would hand us the anchor's name.
                    // Never expanded, so no "billion laughs"; reported up to a limit so a file of
                    // aliases does not bury the other problems.
                    if (++aliases > MAX_ALIAS_REPORTS) {
                        return new YScalar(at, "", Kind.NULL);
                    }
                    problems.add(new Located(Finding.error("", "YAML aliases (*" + p.getText() + ") are not supported",
                            "write the value out in full"), at));
                    return new YScalar(at, "", Kind.NULL);
                }
                return new YScalar(at, p.getText(), Kind.STRING);
        }
    }

    private YMap map(JsonParser p, Position at) throws IOException {
        List<YEntry> entries = new ArrayList<>();
        Map<String, Position> seen = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Position keyAt = position(p);
            p.nextToken();
            YNode value = node(p);
            Position first = seen.putIfAbsent(key, keyAt);
            if (first != null) {
                problems.add(new Located(Finding.error(key, "duplicate key '" + key + "' (first written at line "
                        + first.line() + ")", "keep one of them"), keyAt));
            } else {
                entries.add(new YEntry(key, keyAt, value));
            }
        }
        return new YMap(at, entries);
    }

    private YList list(JsonParser p, Position at) throws IOException {
        List<YNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(p));
        }
        return new YList(at, items);
    }

    private static Position position(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return new Position(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    /**
     * SnakeYAML's message names up to two places: the context ("while parsing a block mapping ...
     * line 1") and the problem itself, last. Jackson reports the first; the user needs the last.
     * The message keeps the explaining lines and drops the quoted source snippets.
     */
    private static Located syntaxError(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        Position at = l == null ? Position.START : new Position(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        String raw = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage();
        List<String> parts = new ArrayList<>();
        for (String line : raw.split("\\R")) {
            Matcher m = MARK.matcher(line);
            if (m.find()) {
                at = new Position(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            } else if (!line.startsWith("    ") && !line.isBlank()) {
                parts.add(line.strip());
            }
        }
        return new Located(Finding.error("", "YAML syntax error: " + String.join("; ", parts),
                "check indentation (spaces, not tabs) and that every 'key: value' has a space after the colon"), at);
    }

    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Located problem;

        TooDeep(Located problem) {
            super(problem.finding().message(), null, false, false);
            this.problem = problem;
        }
    }

    private static final Pattern MARK = Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+)");
}
