package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.HostSession;
import io.ovl.ssh.SessionPool;
import io.ovl.ssh.SshTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every host-touching command takes its SSH sessions from the enclosing shell's pool
 * ({@link CliEnvironment#sessions()}) when there is one. A FAKE pool that answers every host with
 * "not connected" records what it was asked; nothing crosses SSH here (SharedSessionsIT counts
 * real connections on lab hosts).
 */
class SharedSessionsTest {
    private static final Set<String> GUIDE_HOSTS = Set.of("mh-keystore", "mhs-demo0", "mhs-demo1", "mhs-demo2");

    @ParameterizedTest
    @ValueSource(strings = {"doctor --no-probe", "init --dry-run", "reset --dry-run", "net ls", "net inspect myoverlay",
        "net rm myoverlay", "net verify myoverlay", "net create other --subnet 10.9.0.0/24"})
    void kvCommandsAskTheShellsPoolForEveryHost(String command) {
        RecordingPool pool = new RecordingPool();
        Cli.Run run = inShell(pool, Cli.example("guide-consul.yaml"), command);

        assertEquals(GUIDE_HOSTS, pool.asked(), command + "\n" + run.out() + run.err());
        assertNotEquals(ExitCode.OK.code(), run.exit(), "no host was reachable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"init --dry-run", "reset --dry-run", "migrate --dry-run"})
    void swarmCommandsAskTheShellsPoolToo(String command) {
        RecordingPool pool = new RecordingPool();
        Cli.Run run = inShell(pool, Cli.example("swarm.yaml"), command);

        assertTrue(!pool.asked().isEmpty(), command + "\n" + run.out() + run.err());
        assertTrue((run.out() + run.err()).contains("fake pool: not connected"), run.out() + run.err());
    }

    /** As {@code ovl shell} runs a line: its environment carries the topology and the pool. */
    private static Cli.Run inShell(SessionPool pool, String topology, String line) {
        CliEnvironment env = new CliEnvironment(Map.of("OVL_TOPOLOGY", topology), Path.of(""), false).withSessions(pool);
        return Cli.run(env, line.split(" "));
    }

    /** A FAKE pool: remembers which hosts were asked for and reaches none of them. */
    private static final class RecordingPool implements SessionPool {
        private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

        @Override
        public HostSession session(SshTarget target) {
            asked.add(target.label());
            throw new OvlException(ExitCode.HOST_FAILED, "host " + target.label() + ": fake pool: not connected");
        }

        @Override
        public long connectionsOpened() {
            return 0;
        }

        Set<String> asked() {
            synchronized (asked) {
                return new TreeSet<>(asked);
            }
        }
    }
}
