package io.ovl.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny template engine for the files under templates/, so that what ovl writes to hosts can be
 * read and reviewed as files. The whole language:
 * <ul>
 *   <li>{@code {{name}}} is replaced by the value of {@code name} (lower case, digits, '-').</li>
 *   <li>A value may be a list: the line holding that placeholder is then repeated once per element
 *       (and dropped for an empty list). A line may hold at most one list placeholder.</li>
 * </ul>
 * Rendering fails on a placeholder without a value, on a value no placeholder uses (a typo on
 * either side), and on values with line breaks after escaping, which could inject lines into a
 * unit file.
 */
public final class Template {
    /** Where templates/ is packaged in the engine jar (see provisioners/pom.xml). */
    private static final String ROOT = "/io/ovl/templates/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z][a-z0-9-]*)}}");

    private final String name;
    private final List<String> lines;
    private final Set<String> placeholders;

    private Template(String name, String text) {
        this.name = name;
        this.lines = List.of(text.split("\n", -1));
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String withoutPlaceholders = PLACEHOLDER.matcher(lines.get(i)).replaceAll("");
            if (withoutPlaceholders.contains("{{") || withoutPlaceholders.contains("}}")) {
                throw new TemplateException(name + " line " + (i + 1) + ": malformed placeholder; write {{name}}"
                        + " with lower case letters, digits and '-'");
            }
            Matcher m = PLACEHOLDER.matcher(lines.get(i));
            while (m.find()) {
                found.add(m.group(1));
            }
        }
        this.placeholders = Set.copyOf(found);
    }

    /** A template from its text; {@code name} is used in error messages. */
    public static Template of(String name, String text) {
        return new Template(name, text);
    }

    /** Loads templates/{@code path} from the classpath, e.g. "dockerd-cluster.conf" or "kv/etcd.yaml". */
    public static Template load(String path) {
        try (InputStream in = Template.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new TemplateException("template templates/" + path + " is not on the classpath");
            }
            return new Template("templates/" + path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading template templates/" + path, e);
        }
    }

    public String name() {
        return name;
    }

    public Set<String> placeholders() {
        return placeholders;
    }

    /** Renders with values inserted as they are. Values are {@code String} or {@code List<String>}. */
    public String render(Map<String, ?> values) {
        return render(values, UnaryOperator.identity());
    }

    /**
     * Renders with every inserted value passed through {@code escape} first, e.g. to fit inside a
     * YAML double-quoted string.
     */
    public String render(Map<String, ?> values, UnaryOperator<String> escape) {
        checkNames(values);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Optional<String> listName = listPlaceholder(line, values, i + 1);
            if (listName.isEmpty()) {
                out.add(substitute(line, values, escape, "", "", i + 1));
                continue;
            }
            for (Object element : (List<?>) values.get(listName.get())) {
                out.add(substitute(line, values, escape, listName.get(), String.valueOf(element), i + 1));
            }
        }
        return String.join("\n", out);
    }

    private void checkNames(Map<String, ?> values) {
        Set<String> missing = new TreeSet<>(placeholders);
        missing.removeAll(values.keySet());
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(placeholders);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new TemplateException(name + ": " + (missing.isEmpty() ? "" : "no value for " + missing + " ")
                    + (unknown.isEmpty() ? "" : "values for placeholders it does not have: " + unknown));
        }
    }

    /** The one list-valued placeholder on {@code line}, if it has one. */
    private Optional<String> listPlaceholder(String line, Map<String, ?> values, int lineNumber) {
        String found = null;
        Matcher m = PLACEHOLDER.matcher(line);
        while (m.find()) {
            if (values.get(m.group(1)) instanceof List<?>) {
                if (found != null && !found.equals(m.group(1))) {
                    throw new TemplateException(name + " line " + lineNumber + ": two list placeholders, "
                            + found + " and " + m.group(1) + ", on one line");
                }
                found = m.group(1);
            }
        }
        return Optional.ofNullable(found);
    }

    private String substitute(String line, Map<String, ?> values, UnaryOperator<String> escape, String listName,
                              String element, int lineNumber) {
        Matcher m = PLACEHOLDER.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            Object value = key.equals(listName) ? element : values.get(key);
            if (!(value instanceof String text)) {
                throw new TemplateException(name + " line " + lineNumber + ": value of " + key
                        + " must be a string or a list of strings, got " + value);
            }
            String escaped = escape.apply(text);
            if (escaped.indexOf('\n') >= 0 || escaped.indexOf('\r') >= 0) {
                throw new TemplateException(name + " line " + lineNumber + ": value of " + key
                        + " contains a line break: '" + text + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escaped));
        }
        m.appendTail(out);
        return out.toString();
    }
}
