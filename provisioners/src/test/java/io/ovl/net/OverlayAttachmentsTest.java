package io.ovl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parser of {@code docker ps --all --format '{{.Names}}\t{{.Networks}}'} (pure: text in, attachments out). */
class OverlayAttachmentsTest {
    @Test
    void onlyOverlayNetworksCountAndAContainerOnTwoIsListedTwice() {
        String ps = "web1\tbridge,labnet\nstore\thost\nprobe\tlabnet,other\nbare\t\n\n";

        List<OverlayAttachment> found = OverlayAttachments.parse("h2", Set.of("labnet", "other"), ps);

        assertEquals(List.of(new OverlayAttachment("h2", "web1", "labnet"), new OverlayAttachment("h2", "probe", "labnet"),
                new OverlayAttachment("h2", "probe", "other")), found);
        assertEquals("web1 (labnet)", found.get(0).toString());
    }

    @Test
    void noOverlayNoAttachment() {
        assertEquals(List.of(), OverlayAttachments.parse("h2", Set.of(), "web1\tbridge\n"));
    }
}
