package io.ovl.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.topology.Become;
import io.ovl.topology.LoadResult;
import io.ovl.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The YAML of a draft: values read back as written, host text stays inside comments. */
class DraftRendererTest {
    @Test
    void scalarsArePlainOnlyWhenTheyReadBackAsTheSameString() {
        assertEquals("198.18.0.11", DraftRenderer.scalar("198.18.0.11"));
        assertEquals("/root/.ssh/id_ed25519", DraftRenderer.scalar("/root/.ssh/id_ed25519"));
        for (String s : List.of("yes", "No", "1.5", "22", "0x1f", "null", "~", "a b", "a: b", "#x", "fd00::1", "\"q\"", "")) {
            assertTrue(DraftRenderer.scalar(s).startsWith("\""), s + " -> " + DraftRenderer.scalar(s));
        }
        assertEquals("\"a\\u001bb\\\\\"", DraftRenderer.scalar("a\u001bb\\"));
    }

    @Test
    void commentsEscapeControlCharactersSoHostTextCannotAddLines() {
        assertEquals("a\\u000akey: x\\u001b[31m", DraftRenderer.comment("a\nkey: x\u001b[31m"));
    }

    @Test
    void oddButValidUserAndPathsReadBackExactly() {
        TopologyDraft d = DraftPlanner.plan(List.of(new DraftPlanner.SeenHost(HostArgument.parse("198.18.144.11"),
                FakeFacts.captured("h1-2010").hostname("evil\nmode: swarm").facts())));
        DraftSsh ssh = new DraftSsh(Optional.of("yes"), Optional.of(2222), List.of(Path.of("/keys/my key #1")),
                Optional.empty(), Become.NONE);
        String text = DraftRenderer.render(d, ssh, "t.yaml", "ovl new topology --user yes 198.18.144.11", "now");
        LoadResult r = new TopologyLoader(Path.of("/home/test")).parse("t.yaml", text, Path.of("/work"));
        assertTrue(r.valid(), r.problems() + "\n" + text);
        assertEquals(Optional.of("yes"), r.topology().orElseThrow().ssh().user());
        assertEquals(Optional.of(2222), r.topology().orElseThrow().ssh().port());
        assertEquals(List.of(Path.of("/keys/my key #1")), r.topology().orElseThrow().ssh().identityFiles());
        assertEquals("h1", r.topology().orElseThrow().hosts().get(0).name());
        assertTrue(text.lines().noneMatch(l -> l.startsWith("mode: swarm")), text);
    }
}
