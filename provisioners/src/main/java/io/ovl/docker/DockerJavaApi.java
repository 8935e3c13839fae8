package io.ovl.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.RestartPolicy;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.render.ContainerSpec;
import java.util.Optional;

/** {@link DockerApi} with docker-java, over one host's SSH connection ({@link io.ovl.docker.DockerClients}). */
public final class DockerJavaApi implements DockerApi {
    private final DockerClient client;
    private final String host;

    public DockerJavaApi(DockerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    @Override
    public Optional<DaemonStatus> status() {
        try {
            Info info = client.infoCmd().exec();
            return Optional.of(new DaemonStatus(String.valueOf(info.getServerVersion()),
                    nonEmpty(info.getClusterStore()), nonEmpty(info.getClusterAdvertise())));
        } catch (RuntimeException e) {
            // dockerd restarting or down: the socket refuses, or the transport says so.
            return Optional.empty();
        }
    }

    @Override
    public void createAndStart(ContainerSpec spec) {
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withNetworkMode(spec.networkMode())
                .withRestartPolicy(RestartPolicy.parse(spec.restartPolicy()))
                .withMounts(spec.volumes().stream()
                        .map(v -> v.hostPath()
                                ? new Mount().withType(MountType.BIND).withSource(v.volume()).withTarget(v.path())
                                        .withReadOnly(true)
                                : new Mount().withType(MountType.VOLUME).withSource(v.volume()).withTarget(v.path()))
                        .toList());
        CreateContainerCmd create = client.createContainerCmd(spec.image())
                .withName(spec.name())
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withLabels(spec.labels())
                .withHostConfig(hostConfig);
        if (!spec.cmd().isEmpty()) {
            create.withCmd(spec.cmd());
        }
        try {
            create.exec();
        } catch (RuntimeException e) {
            throw failed("create container " + spec.name() + " from image " + spec.image(), e);
        }
        start(spec.name());
    }

    @Override
    public void start(String containerName) {
        try {
            client.startContainerCmd(containerName).exec();
        } catch (NotModifiedException alreadyRunning) {
            // Started meanwhile (restart policy "always"): the state we want.
        } catch (RuntimeException e) {
            throw failed("start container " + containerName, e);
        }
    }

    @Override
    public void removeContainer(String containerName) {
        try {
            client.removeContainerCmd(containerName).withForce(true).exec();
        } catch (NotFoundException gone) {
            // Nothing to remove: reset is idempotent.
        } catch (RuntimeException e) {
            throw failed("remove container " + containerName, e);
        }
    }

    @Override
    public boolean removeVolume(String volumeName) {
        try {
            client.removeVolumeCmd(volumeName).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        } catch (RuntimeException e) {
            throw failed("remove volume " + volumeName, e);
        }
    }

    private OvlException failed(String step, RuntimeException e) {
        return new OvlException(ExitCode.HOST_FAILED, "host " + host + ": " + step + " (Docker API): "
                + e.getMessage(), e);
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
