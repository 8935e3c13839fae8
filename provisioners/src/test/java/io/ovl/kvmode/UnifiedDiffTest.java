package io.ovl.kvmode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected texts are what GNU diff -u prints for the same inputs (headers aside). */
class UnifiedDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", UnifiedDiff.of("/f", true, "a\n", true, "a\n"));
    }

    @Test
    void aNewFileIsAllAdditionsFromDevNull() {
        assertEquals("--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.of("/f", false, "", true, "a\nb\n"));
    }

    @Test
    void aRemovedFileIsAllDeletionsToDevNull() {
        assertEquals("--- a/f\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-a\n", UnifiedDiff.of("/f", true, "a\n", false, ""));
    }

    @Test
    void aChangedLineIsShownBetweenItsUnchangedNeighbours() {
        assertEquals("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n",
                UnifiedDiff.of("/f", true, "a\nb\nc\n", true, "a\nB\nc\n"));
    }

    @Test
    void anEmptyFileThatAppearsIsStillAChange() {
        assertEquals("--- /dev/null\n+++ b/f\n@@ -0,0 +0,0 @@\n", UnifiedDiff.of("/f", false, "", true, ""));
    }
}
