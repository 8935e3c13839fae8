package io.ovl.ssh.agent;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Byte-level framing of the agent protocol; the real agent is exercised in AgentClientIT. */
class AgentProtocolTest {

    @Test
    void requestIdentitiesIsLengthOneAndType11() {
        assertArrayEquals(new byte[] {0, 0, 0, 1, 11}, AgentProtocol.requestIdentities());
    }

    @Test
    void signRequestCarriesBlobDataAndFlags() {
        byte[] msg = AgentProtocol.signRequest(new byte[] {7, 8}, new byte[] {9}, AgentProtocol.SSH_AGENT_RSA_SHA2_512);
        assertArrayEquals(new byte[] {0, 0, 0, 16, 13, 0, 0, 0, 2, 7, 8, 0, 0, 0, 1, 9, 0, 0, 0, 4}, msg);
    }

    @Test
    void signFlagsFollowTheNegotiatedAlgorithm() {
        assertEquals(2, AgentProtocol.signFlagsFor("rsa-sha2-256"));
        assertEquals(4, AgentProtocol.signFlagsFor("rsa-sha2-512"));
        assertEquals(0, AgentProtocol.signFlagsFor("ssh-rsa"));
        assertEquals(0, AgentProtocol.signFlagsFor("ssh-ed25519"));
    }

    @Test
    void identitiesAnswerIsParsed() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put((byte) 12).putInt(2)
                .putInt(3).put(new byte[] {1, 2, 3}).putInt(1).put("a".getBytes(StandardCharsets.UTF_8))
                .putInt(1).put(new byte[] {4}).putInt(0);
        byte[] body = new byte[b.position()];
        b.flip().get(body);
        List<AgentProtocol.RawIdentity> ids = AgentProtocol.parseIdentitiesAnswer(body);
        assertEquals(2, ids.size());
        assertArrayEquals(new byte[] {1, 2, 3}, ids.get(0).blob());
        assertEquals("a", ids.get(0).comment());
        assertArrayEquals(new byte[] {4}, ids.get(1).blob());
        assertEquals("", ids.get(1).comment());
    }

    @Test
    void truncatedAnswersAndFailuresAreErrorsNotGarbage() {
        AgentException truncated = assertThrows(AgentException.class,
                () -> AgentProtocol.parseIdentitiesAnswer(new byte[] {12, 0, 0, 0, 1, 0, 0, 0, 9, 1}));
        assertTrue(truncated.getMessage().contains("truncated"));
        AgentException refused = assertThrows(AgentException.class,
                () -> AgentProtocol.parseSignResponse(new byte[] {5}));
        assertTrue(refused.getMessage().contains("SSH_AGENT_FAILURE"));
        assertThrows(AgentException.class, () -> AgentProtocol.parseSignResponse(new byte[] {12, 0, 0, 0, 0}));
        assertThrows(AgentException.class, () -> AgentProtocol.messageLength(new byte[] {(byte) 0xff, 0, 0, 0}));
    }

    @Test
    void signResponseYieldsTheSignatureBlob() {
        assertArrayEquals(new byte[] {5, 6}, AgentProtocol.parseSignResponse(new byte[] {14, 0, 0, 0, 2, 5, 6}));
    }
}
