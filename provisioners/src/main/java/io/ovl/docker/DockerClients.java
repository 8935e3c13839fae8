package io.ovl.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import io.ovl.ssh.HostSession;
import net.schmizz.sshj.SSHClient;

/** docker-java clients that reach a host's daemon over its SSH connection. */
public final class DockerClients {

    private DockerClients() {}

    /**
     * A DockerClient for one host. Every call opens a channel on {@code ssh}
     * ({@link ChannelDockerHttpClient}); closing the client leaves the SSH connection open.
     *
     * <p>No API version is pinned: docker-java then sends unversioned paths ({@code /info}, not
     * {@code /v1.41/info}) and each daemon answers at its own current version, so Engine 20.10
     * (API 1.41) and Engine 26 (API 1.45) both work.
     *
     * @param ssh an open, authenticated connection, owned by the caller
     * @param sudo whether to reach the daemon through {@code sudo -n docker system dial-stdio}
     *     instead of an SSH channel to its socket
     * @param hostLabel how errors name the host
     */
    public static DockerClient over(SSHClient ssh, boolean sudo, String hostLabel) {
        return DockerClientImpl.getInstance(config(), ChannelDockerHttpClient.over(ssh, sudo, hostLabel));
    }

    /**
     * A DockerClient for the host of {@code session}, over {@link ChannelDockerHttpClient#over(HostSession)}:
     * a sudo user's requests go through the session's Docker relay, started once per run.
     */
    public static DockerClient over(HostSession session) {
        return over(ChannelDockerHttpClient.over(session));
    }

    /** A DockerClient over {@code http}; closing the client closes {@code http}. */
    public static DockerClient over(DockerHttpClient http) {
        return DockerClientImpl.getInstance(config(), http);
    }

    /*
     * Built from an empty Builder, not createDefaultConfigBuilder(): that one reads DOCKER_HOST,
     * DOCKER_API_VERSION, DOCKER_TLS_VERIFY and ~/.docker of the machine running ovl, which say
     * nothing about the remote host and could pin a version or demand TLS certificates. The
     * docker host URI only describes the remote socket; the channel transport ignores it.
     */
    static DockerClientConfig config() {
        return new DefaultDockerClientConfig.Builder()
                .withDockerHost("unix://" + SocketChannelOpener.DOCKER_SOCKET)
                .build();
    }
}
