# ovl doctor: the listening half of the port probe. Run on the TARGET host as
#   perl -e "$(cat probe-listen.pl)" SECONDS CAP RUN-ID BIND-ADDRESS PROTO/PORT/SENDERS...
# Binds every PROTO/PORT on BIND-ADDRESS (the address peers send to, so a daemon bound to that very
# address is seen as holding the port; 0.0.0.0 for all), prints "LISTEN proto port" or "BUSY proto port error",
# then "READY". From then on it prints "GOT proto port SOURCE" for each first probe message
# "ovl-probe RUN-ID SOURCE" that arrives. ovl starts the senders only after every listener said
# READY, and writes "GO" on stdin once every sender has started: the SECONDS window counts from GO,
# never from this script's own start, so a host whose sudo or login is slow makes the probe slower,
# not wrong. It ends when every expected SENDERS count was heard on every port it could bind, when
# SECONDS pass after GO, when stdin closes (ovl is gone), or CAP seconds after it started, whatever
# happens: nothing is left running on the host, even if ovl dies.
# TCP connections are greeted with "ovl-listen RUN-ID" before the message is read.
# IPv4 and IPv6 alike: IO::Socket::IP (perl-base since Perl 5.20), and for ESP a raw socket of the
# bind address's family.
use strict;
use warnings;
use IO::Socket::IP;
use IO::Select;
use Socket qw(PF_INET PF_INET6 AF_INET AF_INET6 SOCK_RAW inet_pton sockaddr_in sockaddr_in6);
$| = 1;
my ($seconds, $cap, $run, $bind, @specs) = @ARGV;
my $select = IO::Select->new;
my %socket_info;
my %seen;
my $expected = 0;
for my $spec (@specs) {
    my ($proto, $port, $senders) = split m{/}, $spec;
    my $sock = $proto eq 'tcp'
        ? IO::Socket::IP->new(LocalHost => $bind, LocalPort => $port, Proto => 'tcp', Listen => 128, ReuseAddr => 1)
        : $proto eq 'esp' ? raw_socket($port, $bind)
        : IO::Socket::IP->new(LocalHost => $bind, LocalPort => $port, Proto => 'udp');
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
print "READY\n";
# Until GO the only bound is CAP; GO starts the listen window.
my $hard_end = time + $cap;
my $end = $hard_end;
my $stdin = \*STDIN;
$select->add($stdin);
my $input = '';
my $go = 0;
while ((my $left = $end - time) > 0 && scalar(keys %seen) < $expected) {
    for my $fh ($select->can_read($left)) {
        if (fileno($fh) == fileno($stdin)) {
            # End of input: ovl is gone (or gave up on this host); stop at once.
            sysread($stdin, my $chunk, 256) or exit 0;
            $input .= $chunk;
            if (!$go && $input =~ /^GO$/m) {
                $go = 1;
                $end = time + $seconds if time + $seconds < $hard_end;
            }
            next;
        }
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
            # Raw IPv6 sockets never see their IP header: SPI and sequence only.
            defined recv($sock, $buf, 2048, 0) or next;
            my $header = $bind =~ /:/ ? 0 : length($buf) > 0 ? (ord($buf) & 0x0f) * 4 : 0;
            my $skip = length($buf) > 0 ? $header + 8 : 0;
            $buf = length($buf) > $skip ? substr($buf, $skip) : '';
        } else {
            $sock->recv($buf, 256);
        }
        if (defined $buf && $buf =~ /^ovl-probe \Q$run\E (\S+)/ && !$seen{"$proto $port $1"}++) {
            print "GOT $proto $port $1\n";
        }
    }
}

# A raw socket of IP protocol $number in the family of $bind (an IPv6 address has a colon), bound to
# $bind (only packets to that address) unless it is the wildcard 0.0.0.0 or ::; undef with $! set,
# or the reason as a string when $bind cannot be used.
sub raw_socket {
    my ($number, $bind) = @_;
    my $v6 = $bind =~ /:/;
    socket(my $raw, $v6 ? PF_INET6 : PF_INET, SOCK_RAW, $number) or return undef;
    if ($bind ne '0.0.0.0' && $bind ne '::') {
        my $local = $v6 ? inet_pton(AF_INET6, $bind) : inet_pton(AF_INET, $bind);
        return 'not an IP address' unless $local;
        bind($raw, $v6 ? sockaddr_in6(0, $local) : sockaddr_in(0, $local)) or return undef;
    }
    return $raw;
}
