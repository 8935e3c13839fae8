# ovl doctor: the listening half of the port probe. Run on the TARGET host as
#   perl -e "$(cat probe-listen.pl)" SECONDS RUN-ID BIND-ADDRESS PROTO/PORT/SENDERS...
# Binds every PROTO/PORT on BIND-ADDRESS (the address peers send to, so a daemon bound to that very
# address is seen as holding the port; 0.0.0.0 for all), prints "LISTEN proto port" or "BUSY proto port error",
# then prints "GOT proto port SOURCE" for each first probe message "ovl-probe RUN-ID SOURCE" that
# arrives, until every expected SENDERS count was heard on every port it could bind, or SECONDS
# pass. TCP connections are greeted with "ovl-listen RUN-ID" before the message is read.
# It always exits by itself: nothing is left running on the host, even if ovl dies.
use strict;
use warnings;
use IO::Socket::INET;
use IO::Select;
use Socket qw(PF_INET SOCK_RAW inet_aton sockaddr_in);
$| = 1;
my ($seconds, $run, $bind, @specs) = @ARGV;
my $select = IO::Select->new;
my %socket_info;
my %seen;
my $expected = 0;
for my $spec (@specs) {
    my ($proto, $port, $senders) = split m{/}, $spec;
    my $sock = $proto eq 'tcp'
        ? IO::Socket::INET->new(LocalAddr => $bind, LocalPort => $port, Proto => 'tcp', Listen => 128, ReuseAddr => 1)
        : $proto eq 'esp' ? raw_socket($port, $bind)
        : IO::Socket::INET->new(LocalAddr => $bind, LocalPort => $port, Proto => 'udp');
    if ($sock && !ref($sock)) {
        print "BUSY $proto $port $sock\n";
    } elsif ($sock) {
        $select->add($sock);
        $socket_info{fileno $sock} = [$proto, $port, $sock];
        $expected += $senders;
        print "LISTEN $proto $port\n";
    } else {
        print "BUSY $proto $port $!\n";
    }
}
my $end = time + $seconds;
while ((my $left = $end - time) > 0 && scalar(keys %seen) < $expected) {
    for my $fh ($select->can_read($left)) {
        my ($proto, $port, $sock) = @{$socket_info{fileno $fh}};
        my $buf = '';
        if ($proto eq 'tcp') {
            my $conn = $sock->accept or next;
            # Greet first: the sender sends its message only to a listener of ovl's (see probe-send.pl).
            syswrite($conn, "ovl-listen $run\n");
            sysread($conn, $buf, 256) if IO::Select->new($conn)->can_read(2);
            close $conn;
        } elsif ($proto eq 'esp') {
            # Raw IPv4 sockets read the IP header too: skip it (IHL words), then SPI and sequence.
            defined recv($sock, $buf, 2048, 0) or next;
            my $skip = length($buf) > 0 ? (ord($buf) & 0x0f) * 4 + 8 : 0;
            $buf = length($buf) > $skip ? substr($buf, $skip) : '';
        } else {
            $sock->recv($buf, 256);
        }
        if (defined $buf && $buf =~ /^ovl-probe \Q$run\E (\S+)/ && !$seen{"$proto $port $1"}++) {
            print "GOT $proto $port $1\n";
        }
    }
}

# A raw socket of IP protocol $number, bound to $bind (only packets to that address); undef with $! set,
# or the reason as a string when $bind cannot be used.
sub raw_socket {
    my ($number, $bind) = @_;
    socket(my $raw, PF_INET, SOCK_RAW, $number) or return undef;
    if ($bind ne '0.0.0.0') {
        my $local = inet_aton($bind);
        return 'not an IPv4 address (the probe is IPv4 only)' unless $local;
        bind($raw, sockaddr_in(0, $local)) or return undef;
    }
    return $raw;
}
