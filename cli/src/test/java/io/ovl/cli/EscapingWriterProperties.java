package io.ovl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The promises of {@link EscapingWriter}, for any text and any way of cutting it into writes. */
class EscapingWriterProperties {
    @Provide
    static Arbitrary<String> text() {
        return Arbitraries.oneOf(HostileInputProperties.hostile(), Arbitraries.strings().all().ofMaxLength(200));
    }

    @Property(tries = 1000)
    void noUnsafeCharacterAndNoEscSurvives(@ForAll("text") String s) {
        String out = EscapingWriter.escape(s);
        out.chars().filter(EscapingWriter::unsafe).findFirst()
                .ifPresent(c -> { throw new AssertionError(String.format("raw U+%04X", c)); });
    }

    @Property(tries = 500)
    void howTheTextIsCutIntoWritesDoesNotMatter(@ForAll("text") String s, @ForAll("cuts") List<Integer> cuts) {
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

    @Provide
    static Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 30).list().ofMaxSize(10);
    }

    /** JSON output passes the writer too: it stays valid JSON holding the very same string. */
    @Property(tries = 1000)
    void jsonThroughTheWriterKeepsItsValue(@ForAll("text") String s) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String json = Json.write(Json.object().put("value", s));
        String printed = EscapingWriter.escape(json);
        String back = mapper.readTree(printed).get("value").asText();
        if (!back.equals(s)) {
            throw new AssertionError("changed: " + EscapingWriter.escape(s) + " -> " + EscapingWriter.escape(back));
        }
    }
}
