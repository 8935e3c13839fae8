# ovl: a relay from a private Unix socket to the Docker socket, for a login user who reaches
# Docker only through sudo. Started as root by ovl's privileged shell (see DockerRelay.java) as
#   perl -e "$(cat docker-relay.pl)" DIR OWNER-UID WATCHED-PID DOCKER-SOCKET
# It listens on DIR/docker.sock (DIR made by mktemp -d and owned by OWNER-UID, mode 0700; the
# socket owned by OWNER-UID, mode 0600, so only the login user and root reach it), prints the
# socket's path and returns; a child serves, copying bytes both ways between each connection and
# DOCKER-SOCKET. The child ends, removing the socket, as soon as WATCHED-PID (the privileged shell,
# which lives as long as ovl's SSH session) is gone. Nothing listens on TCP.
use strict;
use warnings;
use Socket qw(SOCK_STREAM);
use IO::Socket::UNIX;
use IO::Select;
use POSIX ();

my ($dir, $uid, $watched, $docker) = @ARGV;
my $path = "$dir/docker.sock";
my $server = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => $path, Listen => 64)
    or die "listen on $path: $!\n";
chown($uid, -1, $path) or die "chown $path: $!\n";
chmod(0600, $path) or die "chmod $path: $!\n";
defined(my $pid = fork) or die "fork: $!\n";
if ($pid) {
    print "$path\n";
    exit 0;
}
POSIX::setsid();
open(STDIN, '<', '/dev/null');
open(STDOUT, '>', '/dev/null');
open(STDERR, '>', '/dev/null');
$SIG{CHLD} = 'IGNORE';
my $select = IO::Select->new($server);
while (kill(0, $watched)) {
    next unless $select->can_read(1);
    my $client = $server->accept or next;
    my $child = fork;
    if (defined $child && $child == 0) {
        close $server;
        relay($client);
        exit 0;
    }
    close $client;
}
unlink $path;
rmdir $dir;
exit 0;

# Copies both ways until both directions ended; an end on one side is passed on as a half-close,
# which Docker's attach and hijacked streams rely on.
sub relay {
    my ($client) = @_;
    my $daemon = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $docker) or return;
    my %to = (fileno($client) => $daemon, fileno($daemon) => $client);
    my $open = IO::Select->new($client, $daemon);
    while ($open->count) {
        for my $from ($open->can_read) {
            my $n = sysread($from, my $buf, 65536);
            my $peer = $to{fileno $from};
            if (!$n) {
                $open->remove($from);
                shutdown($peer, 1);
                next;
            }
            my $off = 0;
            while ($off < $n) {
                my $w = syswrite($peer, $buf, $n - $off, $off);
                return unless defined $w;
                $off += $w;
            }
        }
    }
}
