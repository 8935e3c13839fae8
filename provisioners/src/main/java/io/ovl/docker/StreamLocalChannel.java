package io.ovl.docker;

import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.Connection;
import net.schmizz.sshj.connection.channel.direct.AbstractDirectChannel;

/**
 * OpenSSH's "direct-streamlocal@openssh.com" channel: the server connects the channel to a Unix
 * socket on its side, as {@code ssh -L /local:/remote/socket} does. SSHJ 0.39 only ships
 * direct-tcpip, so this adds the open request described in OpenSSH's PROTOCOL file, section
 * 2.4: string socket path, string reserved, uint32 reserved.
 */
final class StreamLocalChannel extends AbstractDirectChannel {

    static final String TYPE = "direct-streamlocal@openssh.com";

    private final String socketPath;

    StreamLocalChannel(Connection connection, String socketPath) {
        super(connection, TYPE);
        this.socketPath = socketPath;
    }

    String socketPath() {
        return socketPath;
    }

    @Override
    protected SSHPacket buildOpenReq() {
        return super.buildOpenReq()
                .putString(socketPath)
                .putString("")
                .putUInt32(0);
    }
}
