/**
 * Reaching hosts over SSH (SSHJ), secure by default.
 *
 * <ul>
 *   <li>{@link io.ovl.ssh.SshTarget}: how the topology says to reach a host (the lead maps the
 *       topology's {@code ssh:} settings onto it; absent values are empty so ssh config can fill them).</li>
 *   <li>{@link io.ovl.ssh.SshConfigResolver}: merges it with the user's OpenSSH config as resolved by
 *       {@code ssh -G}; topology values win (see the class for the precedence) into an
 *       {@link io.ovl.ssh.SshEndpoint}.</li>
 *   <li>{@link io.ovl.ssh.SshConnector}: opens a {@link io.ovl.ssh.HostSession} (jump hosts, strict
 *       known_hosts checking with OpenSSH's messages, ssh-agent and key files), counts connections.</li>
 *   <li>{@link io.ovl.ssh.RemoteShell}: the one-method seam, {@code run(RemoteCommand)};
 *       {@link io.ovl.ssh.RemoteCommand} is an argument list quoted for POSIX sh, so values stay data.</li>
 *   <li>{@link io.ovl.ssh.RemoteFiles}: atomic writes (temporary file, chown/chmod, backup
 *       {@code PATH.ovl-backup}, rename) and reads, through the seam and therefore through sudo.</li>
 * </ul>
 * Every failure is an {@link io.ovl.core.OvlException} whose message starts with
 * {@code "host LABEL: STEP: "}, e.g. {@code host node2: connect to 198.18.1.12:22: timed out after 10s}.
 */
package io.ovl.ssh;
