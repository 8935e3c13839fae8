package io.ovl.ssh.agent;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Framing of the ssh-agent protocol (draft-miller-ssh-agent): every message is a uint32 length,
 * a one-byte type and a payload of SSH wire types. Pure functions, no I/O, so the framing is
 * unit-tested byte by byte.
 */
public final class AgentProtocol {
    public static final byte SSH_AGENT_FAILURE = 5;
    public static final byte SSH_AGENTC_REQUEST_IDENTITIES = 11;
    public static final byte SSH_AGENT_IDENTITIES_ANSWER = 12;
    public static final byte SSH_AGENTC_SIGN_REQUEST = 13;
    public static final byte SSH_AGENT_SIGN_RESPONSE = 14;

    /** Sign flag: sign with rsa-sha2-256 instead of ssh-rsa (SHA-1). */
    public static final int SSH_AGENT_RSA_SHA2_256 = 2;
    /** Sign flag: sign with rsa-sha2-512. */
    public static final int SSH_AGENT_RSA_SHA2_512 = 4;

    /** An agent must never send us more than this; guards against reading garbage as a huge length. */
    public static final int MAX_MESSAGE = 256 * 1024;

    private AgentProtocol() {
    }

    /** One key the agent holds: its SSH wire blob and comment. */
    public record RawIdentity(byte[] blob, String comment) {
    }

    public static byte[] requestIdentities() {
        return frame(SSH_AGENTC_REQUEST_IDENTITIES, new byte[0]);
    }

    public static byte[] signRequest(byte[] keyBlob, byte[] data, int flags) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        writeString(payload, keyBlob);
        writeString(payload, data);
        writeUint32(payload, flags);
        return frame(SSH_AGENTC_SIGN_REQUEST, payload.toByteArray());
    }

    /** The flags for a public key algorithm chosen during authentication. */
    public static int signFlagsFor(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "rsa-sha2-256" -> SSH_AGENT_RSA_SHA2_256;
            case "rsa-sha2-512" -> SSH_AGENT_RSA_SHA2_512;
            default -> 0;
        };
    }

    /** Parses the body (type byte and payload, without the length) of an identities answer. */
    public static List<RawIdentity> parseIdentitiesAnswer(byte[] body) {
        ByteBuffer in = expect(body, SSH_AGENT_IDENTITIES_ANSWER, "identities answer");
        try {
            long count = Integer.toUnsignedLong(in.getInt());
            List<RawIdentity> identities = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                byte[] blob = readString(in);
                String comment = new String(readString(in), StandardCharsets.UTF_8);
                identities.add(new RawIdentity(blob, comment));
            }
            return identities;
        } catch (BufferUnderflowException e) {
            throw new AgentException("ssh-agent sent a truncated identities answer");
        }
    }

    /** Parses a sign response body; returns the signature blob (string algorithm, string signature). */
    public static byte[] parseSignResponse(byte[] body) {
        ByteBuffer in = expect(body, SSH_AGENT_SIGN_RESPONSE, "sign response");
        try {
            return readString(in);
        } catch (BufferUnderflowException e) {
            throw new AgentException("ssh-agent sent a truncated sign response");
        }
    }

    /** Reads the length prefix of a message; rejects lengths no agent would send. */
    public static int messageLength(byte[] header) {
        int length = ByteBuffer.wrap(header).getInt();
        if (length <= 0 || length > MAX_MESSAGE) {
            throw new AgentException("ssh-agent sent a message of impossible length " + Integer.toUnsignedString(length));
        }
        return length;
    }

    static byte[] frame(byte type, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(4 + 1 + payload.length);
        out.putInt(1 + payload.length).put(type).put(payload);
        return out.array();
    }

    private static ByteBuffer expect(byte[] body, byte type, String what) {
        if (body.length == 0) {
            throw new AgentException("ssh-agent sent an empty message instead of a " + what);
        }
        if (body[0] == SSH_AGENT_FAILURE) {
            throw new AgentException("ssh-agent refused the request (SSH_AGENT_FAILURE)");
        }
        if (body[0] != type) {
            throw new AgentException("ssh-agent sent message type " + body[0] + " instead of a " + what
                    + " (" + type + ")");
        }
        return ByteBuffer.wrap(body, 1, body.length - 1);
    }

    private static byte[] readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        writeUint32(out, value.length);
        out.writeBytes(value);
    }

    private static void writeUint32(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
