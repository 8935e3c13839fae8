package io.ovl.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Shared JSON reading for the docker CLI's JSON outputs ({@code --format '{{json .}}'}, {@code inspect}). */
public final class DockerJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerJson() {
    }

    static JsonNode object(String json, String source) {
        JsonNode root = read(json, source);
        if (root == null || !root.isObject()) {
            throw new UnparseableOutputException(source + ": expected a JSON object");
        }
        return root;
    }

    /** The JSON array that {@code docker ... inspect} prints. */
    public static JsonNode array(String json, String source) {
        JsonNode root = read(json, source);
        if (root == null || !root.isArray()) {
            throw new UnparseableOutputException(source + ": expected a JSON array");
        }
        return root;
    }

    private static JsonNode read(String json, String source) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnparseableOutputException(source + ": not valid JSON (" + e.getOriginalMessage()
                    + at(e) + ")", e);
        }
    }

    /**
     * " at line L, column C" where the parser stopped, or "" when Jackson knows no place (a
     * limit such as the nesting depth is reported without one).
     */
    static String at(JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation l = e.getLocation();
        return l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    static String requiredText(JsonNode node, String field, String source) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            throw new UnparseableOutputException(source + ": field \"" + field + "\" is missing");
        }
        return v.asText();
    }

    /** Absent, null and "" are all "not set": dockerd 20.10 prints "ClusterStore": "" when unset. */
    static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }
}
