package io.ovl.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OsReleaseTest {

    @Test
    void debian12FromThisMachine() {
        OsRelease os = OsRelease.parse(Resources.text("os-release-debian12.txt"));
        assertEquals("debian", os.id());
        assertEquals(Optional.of("12"), os.versionId());
        assertEquals("Debian GNU/Linux 12 (bookworm)", os.prettyName());
        assertEquals(List.of(), os.idLike());
        assertEquals("bookworm", os.fields().get("VERSION_CODENAME"));
        assertTrue(os.isLike("debian"));
        assertFalse(os.isLike("rhel"));
    }

    @Test
    void debian13FromTheLabTree() {
        OsRelease os = OsRelease.parse(Resources.text("os-release-debian13.txt"));
        assertEquals(Optional.of("13"), os.versionId());
        assertEquals("13.7", os.fields().get("DEBIAN_VERSION_FULL"));
    }

    /** Inline text in the shape of Ubuntu's and Rocky's files: ID_LIKE lists families. */
    @Test
    void idLikeIsASpaceSeparatedListAndDrivesIsLike() {
        OsRelease ubuntu = OsRelease.parse("NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"22.04\"\n");
        assertTrue(ubuntu.isLike("debian"));
        OsRelease rocky = OsRelease.parse("ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.3\"\n");
        assertEquals(List.of("rhel", "centos", "fedora"), rocky.idLike());
        assertTrue(rocky.isLike("fedora"));
        assertEquals("rocky", rocky.id());
    }

    @Test
    void defaultsAndQuotingFollowOsRelease5() {
        OsRelease os = OsRelease.parse("# comment\n\nNAME='Arch Linux'\nX=\"say \\\"hi\\\" \\$HOME\"\n");
        assertEquals("linux", os.id());
        assertEquals("Linux", os.prettyName());
        assertEquals(Optional.empty(), os.versionId());
        assertEquals("Arch Linux", os.fields().get("NAME"));
        assertEquals("say \"hi\" $HOME", os.fields().get("X"));
    }

    @Test
    void malformedLineIsReportedWithItsNumber() {
        UnparseableOutputException e = assertThrows(UnparseableOutputException.class,
                () -> OsRelease.parse("ID=debian\nthis is not an assignment\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        UnparseableOutputException unclosed = assertThrows(UnparseableOutputException.class,
                () -> OsRelease.parse("PRETTY_NAME=\"Debian\n"));
        assertTrue(unclosed.getMessage().contains("closing"), unclosed.getMessage());
    }
}
