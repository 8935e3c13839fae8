package io.ovl.ssh;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.Collectors;

/** The one-line refusals a user reads when a host key is not accepted; each says what to do. */
public final class HostKeyMessages {
    private HostKeyMessages() {
    }

    public static String unknown(SshEndpoint ep, String knownHostsName, PublicKey key, List<Path> searched,
                                 Path recordInto) {
        String type = HostKeys.shortType(key);
        String portFlag = ep.port() == 22 ? "" : "-p " + ep.port() + " ";
        return "host " + ep.label() + ": unknown host key for " + knownHostsName + ": " + type + " key "
                + HostKeys.sha256Fingerprint(key) + " is in none of " + list(searched)
                + ". If that fingerprint is right (on the host: ssh-keygen -lf /etc/ssh/ssh_host_"
                + type.toLowerCase(java.util.Locale.ROOT) + "_key.pub), accept it with: ssh " + portFlag
                + "-o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=" + recordInto + " "
                + ep.user() + "@" + ep.hostName() + " true  (or: ssh-keyscan " + portFlag + "-t "
                + type.toLowerCase(java.util.Locale.ROOT) + " " + ep.hostName() + " >> " + recordInto
                + ", or set host-key-policy: accept-new)";
    }

    public static String changed(SshEndpoint ep, String knownHostsName, PublicKey key, Path file, int line) {
        return "host " + ep.label() + ": WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for " + knownHostsName
                + "! Someone could be eavesdropping on you right now (man-in-the-middle attack), or the host key"
                + " has just been changed. The host sent " + HostKeys.shortType(key) + " key "
                + HostKeys.sha256Fingerprint(key) + "; the old key is at " + file + ":" + line
                + ". Refusing to connect. If the change is expected, remove the old entry with: ssh-keygen -f "
                + file + " -R '" + knownHostsName + "'";
    }

    public static String revoked(SshEndpoint ep, String knownHostsName, PublicKey key, Path file, int line) {
        return "host " + ep.label() + ": the " + HostKeys.shortType(key) + " host key " + HostKeys.sha256Fingerprint(key)
                + " of " + knownHostsName + " is marked @revoked at " + file + ":" + line + ". Refusing to connect.";
    }

    public static String nowhereToRecord(SshEndpoint ep, String knownHostsName, PublicKey key, List<Path> files) {
        return "host " + ep.label() + ": host-key-policy accept-new: cannot record the " + HostKeys.shortType(key)
                + " key " + HostKeys.sha256Fingerprint(key) + " of " + knownHostsName
                + ": none of these known_hosts files is writable: " + list(files);
    }

    private static String list(List<Path> files) {
        return files.isEmpty() ? "(no known_hosts files)"
                : files.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
