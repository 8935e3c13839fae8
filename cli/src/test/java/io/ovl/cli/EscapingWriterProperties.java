package io.ovl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The promises of {@link EscapingWriter}, for any text and any way of cutting it into writes. */
class EscapingWriterProperties {
    /** Hostile pieces, or up to 200 chars of any kind. */
    static String text(Gen g) {
        return g.bool() ? HostileInputProperties.hostile(g) : g.anyString(200);
    }

    @Test
    void noUnsafeCharacterAndNoEscSurvives() {
        Gen.forAll("noUnsafeCharacterAndNoEscSurvives", 1000, g -> noUnsafeCharacter(text(g)));
    }

    static void noUnsafeCharacter(String s) {
        String out = EscapingWriter.escape(s);
        out.chars().filter(EscapingWriter::unsafe).findFirst()
                .ifPresent(c -> { throw new AssertionError(String.format("raw U+%04X", c)); });
    }

    @Test
    void howTheTextIsCutIntoWritesDoesNotMatter() {
        Gen.forAll("howTheTextIsCutIntoWritesDoesNotMatter", 500, g -> cutInto(text(g), g.list(0, 10, x -> x.between(0, 30))));
    }

    static void cutInto(String s, List<Integer> cuts) {
        StringWriter sink = new StringWriter();
        PrintWriter w = EscapingWriter.guard(sink);
        String painted = new Style(true).warning(s) + s;
        int from = 0;
        for (int cut : cuts) {
            int to = Math.min(painted.length(), from + cut);
            w.write(painted, from, to - from);
            from = to;
        }
        w.write(painted.substring(from));
        w.flush();
        if (!sink.toString().equals(EscapingWriter.escape(painted))) {
            throw new AssertionError(EscapingWriter.escape(sink.toString()) + " vs " + EscapingWriter.escape(EscapingWriter.escape(painted)));
        }
    }

    /** JSON output passes the writer too: it stays valid JSON holding the very same string. */
    @Test
    void jsonThroughTheWriterKeepsItsValue() {
        Gen.forAll("jsonThroughTheWriterKeepsItsValue", 1000, g -> jsonKeepsItsValue(text(g)));
    }

    static void jsonKeepsItsValue(String s) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String json = Json.write(Json.object().put("value", s));
        String printed = EscapingWriter.escape(json);
        String back = mapper.readTree(printed).get("value").asText();
        if (!back.equals(s)) {
            throw new AssertionError("changed: " + EscapingWriter.escape(s) + " -> " + EscapingWriter.escape(back));
        }
    }
}
