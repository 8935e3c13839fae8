package io.ovl.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run log shows of a command line: the structure, never a value that may be secret. */
class RedactionTest {
    @Test
    void plainCommandsAreQuotedAsTheyAreSent() {
        List<String> argv = List.of("systemctl", "is-active", "docker", "it's");
        assertEquals(RemoteCommand.of(argv).toShellString(), Redaction.argv(argv));
        assertEquals("grep -e pattern /etc/x", Redaction.argv(List.of("grep", "-e", "pattern", "/etc/x")));
    }

    @Test
    void environmentValuesAreHidden() {
        assertEquals("docker run -e 'A=<redacted>' --env 'B=<redacted>' '--env=C=<redacted>' -e PASSTHROUGH img",
                Redaction.argv(List.of("docker", "run", "-e", "A=1", "--env", "B=two", "--env=C=x y", "-e", "PASSTHROUGH",
                        "img")));
        assertEquals("sudo env -i 'A=<redacted>' 'B=<redacted>' cmd X=shown",
                Redaction.argv(List.of("sudo", "env", "-i", "A=s1", "B=s2", "cmd", "X=shown")));
    }

    @Test
    void secretOptionsAndAssignmentsAreHidden() {
        assertEquals("docker swarm join --token '<redacted>' 10.0.0.1:2377",
                Redaction.argv(List.of("docker", "swarm", "join", "--token", "abc", "10.0.0.1:2377")));
        assertEquals("x '--password=<redacted>' '--db-passwd=<redacted>' --name=shown 'ETCD_ROOT_PASSWORD=<redacted>' PATH=/bin",
                Redaction.argv(List.of("x", "--password=pw", "--db-passwd=pw", "--name=shown", "ETCD_ROOT_PASSWORD=pw",
                        "PATH=/bin")));
    }

    @Test
    void joinTokensAndPrivateKeysAreHiddenAnywhere() {
        String token = "SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-1awxwuwd3z9j1z3puu7rcgdbx";
        String key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\n"
                + "-----END EC PRIVATE KEY-----\n";
        String shown = Redaction.argv(List.of("sh", "-c", "echo " + token, "sh", key));
        assertFalse(shown.contains("3pu6hszjas19"), shown);
        assertFalse(shown.contains("MHcCAQEE"), shown);
        assertEquals("sh -c 'echo SWMTKN-<redacted>' sh '<redacted private key>\n'", shown);
        assertEquals("joined with SWMTKN-<redacted>", Redaction.text("joined with " + token));
        assertEquals("key: <redacted private key>", Redaction.text("key: " + key.substring(0, 60)));
    }

    @Test
    void longScriptsAreShortenedInALogLineAfterRedaction() {
        String script = "# ovl doctor: the listening half of the port probe\n" + "x".repeat(300);
        assertEquals("perl -e '# ovl doctor: the listening half of the port probe...'(351 chars) 7 tcp/7946/1",
                Redaction.argvShortened(List.of("perl", "-e", script, "7", "tcp/7946/1")));
        String longToken = "--token=" + "s".repeat(400);
        assertEquals("x '--token=<redacted>'", Redaction.argvShortened(List.of("x", longToken)));
        assertEquals("echo " + "a".repeat(72) + "...(300 chars)", Redaction.argvShortened(List.of("echo", "a".repeat(300))));
    }

    @Test
    void aSessionsPasswordIsReplacedWhereverItIs() {
        Secret pw = Secret.of("hunter2".toCharArray(), "OVL_SUDO_PASSWORD");
        String text = pw.redact("sudo: hunter2 is wrong; hunter2");
        assertFalse(pw.appearsIn(text), text);
        assertEquals("sudo: <redacted: password from OVL_SUDO_PASSWORD> is wrong; <redacted: password from"
                + " OVL_SUDO_PASSWORD>", text);
    }
}
