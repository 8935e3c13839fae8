package io.ovl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void replacesPlaceholdersAndRepeatsListLines() {
        Template t = Template.of("t", "a={{one}} b={{two}}\n- join {{peer}} from {{one}}\nend\n");
        assertEquals(Set.of("one", "two", "peer"), t.placeholders());
        assertEquals("a=1 b=2\n- join x from 1\n- join y from 1\nend\n",
                t.render(Map.of("one", "1", "two", "2", "peer", List.of("x", "y"))));
        assertEquals("a=1 b=2\nend\n", t.render(Map.of("one", "1", "two", "2", "peer", List.of())));
    }

    @Test
    void valuesAreNotReinterpreted() {
        // a value that looks like a placeholder or a regex replacement stays literal
        assertEquals("x={{y}} $1 \\", Template.of("t", "x={{v}}").render(Map.of("v", "{{y}} $1 \\")));
    }

    @Test
    void escaperAppliesToValuesOnly() {
        assertEquals("\"a\\\"b\"", Template.of("t", "\"{{v}}\"").render(Map.of("v", "a\"b"), v -> v.replace("\"", "\\\"")));
    }

    @Test
    void missingAndUnknownValuesAreBothNamed() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> Template.of("t.conf", "{{a}} {{b}}").render(Map.of("a", "1", "c", "3")));
        assertTrue(e.getMessage().contains("t.conf") && e.getMessage().contains("[b]") && e.getMessage().contains("[c]"),
                e.getMessage());
    }

    @Test
    void lineBreaksInValuesAreRefused() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> Template.of("t", "ExecStart={{cmd}}").render(Map.of("cmd", "/bin/true\nExecStartPre=/bin/evil")));
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
    }

    @Test
    void malformedPlaceholdersAreFoundAtLoad() {
        TemplateException e = assertThrows(TemplateException.class, () -> Template.of("t", "ok\n{{Bad Name}}\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(TemplateException.class, () -> Template.of("t", "{{open"));
    }

    @Test
    void twoListsOnOneLineAreRefused() {
        assertThrows(TemplateException.class,
                () -> Template.of("t", "{{a}} {{b}}").render(Map.of("a", List.of("1"), "b", List.of("2"))));
    }

    @Test
    void shippedTemplatesLoadFromTheClasspath() {
        assertEquals(Set.of("store-url", "advertise", "base-source", "path", "exec-start"),
                Template.load("dockerd-cluster.conf").placeholders());
        assertThrows(TemplateException.class, () -> Template.load("no-such-template"));
    }
}
