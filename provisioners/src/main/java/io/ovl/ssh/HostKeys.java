package io.ovl.ssh;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Locale;

/** Host key facts printed the way OpenSSH prints them, so users can compare them with ssh-keygen -l. */
public final class HostKeys {
    private HostKeys() {
    }

    /** The SSH wire encoding of a public key (the base64 part of a known_hosts line, decoded). */
    public static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    /** {@code SHA256:...}, unpadded base64 of the SHA-256 of the key blob, as {@code ssh-keygen -l} shows. */
    public static String sha256Fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** The algorithm name in known_hosts, e.g. {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}. */
    public static String algorithm(PublicKey key) {
        return KeyType.fromKey(key).toString();
    }

    /** OpenSSH's short type name: ED25519, ECDSA, RSA. Also what {@code ssh-keyscan -t} takes, in lower case. */
    public static String shortType(PublicKey key) {
        String alg = algorithm(key);
        if (alg.startsWith("ssh-ed25519")) {
            return "ED25519";
        }
        if (alg.startsWith("ecdsa-")) {
            return "ECDSA";
        }
        if (alg.startsWith("ssh-rsa")) {
            return "RSA";
        }
        return alg.toUpperCase(Locale.ROOT);
    }

    /** The name a host has in known_hosts: {@code host} on port 22, else {@code [host]:port}. */
    public static String knownHostsName(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        return port == 22 ? lower : "[" + lower + "]:" + port;
    }
}
