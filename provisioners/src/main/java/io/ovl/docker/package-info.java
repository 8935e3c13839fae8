/**
 * The Docker Engine API of a remote host, over its SSH connection.
 *
 * <p>The transport: {@link io.ovl.docker.ChannelDockerHttpClient} (a docker-java
 * {@code DockerHttpClient}: Apache HttpClient 5 over SSH channels to the Docker socket, or over
 * {@code docker system dial-stdio}) and {@link io.ovl.docker.DockerClients}. On top of it, the calls ovl makes, each
 * behind an interface so orchestration can be unit-tested with fakes:
 * {@link io.ovl.docker.DockerApi} for kv mode (with docker-java, {@link io.ovl.docker.DockerJavaApi})
 * and {@link io.ovl.docker.SwarmApi} for swarm mode (docker-java's swarm commands, {@link io.ovl.docker.DockerJavaSwarmApi}),
 * with the answers they parse ({@link io.ovl.docker.NodeInfo}, {@link io.ovl.docker.SwarmNode},
 * {@link io.ovl.docker.SwarmNetwork}).
 */
package io.ovl.docker;
