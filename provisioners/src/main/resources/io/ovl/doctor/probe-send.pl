# ovl doctor: the sending half of the port probe. Run on the SOURCE host as
#   perl -e "$(cat probe-send.pl)" SECONDS RUN-ID SOURCE PROTO PORT ADDRESS [PROTO PORT ADDRESS]...
# Prints "START" as it begins, then sends "ovl-probe RUN-ID SOURCE" to every target (over TCP only
# after the "ovl-listen RUN-ID" greeting of ovl's listener), retrying for up to SECONDS counted from
# its own start: ovl starts it only after every listener said READY, and starts the listeners'
# windows (GO) only after every sender said START, so a late start here costs time, not a result.
# TCP: one child process per target, at most 32 at a time (a big cluster must not fork hundreds of
# processes on one host), each until one connection succeeds. UDP and ESP: this process
# sends to every such target every 0.3 s for the whole window (no handshake, so no child is needed;
# the listener's "GOT" line is the proof). ESP (PROTO "esp", PORT the IP protocol number 50) goes
# out of a raw IP socket (root only) as an ESP packet: an SPI and a sequence number, then the
# message; the receiver has no security association for it, so its kernel drops it after the
# listener's raw socket got its copy. Prints "SENT proto port address" or
# "FAILED proto port address error" per target. An ADDRESS is IPv4 or IPv6 (IO::Socket::IP, in
# perl-base since Perl 5.20; for ESP a raw socket of the address's family).
use strict;
use warnings;
use IO::Socket::IP;
use IO::Select;
use Socket qw(PF_INET PF_INET6 AF_INET AF_INET6 SOCK_RAW inet_pton sockaddr_in sockaddr_in6);
$| = 1;
my ($seconds, $run, $source, @targets) = @ARGV;
print "START\n";
my $message = "ovl-probe $run $source\n";
my (@tcp, @datagram);
while (my ($proto, $port, $address) = splice(@targets, 0, 3)) {
    if ($proto eq 'tcp') {
        push @tcp, [$port, $address];
    } else {
        push @datagram, [$proto, $port, $address];
    }
}
# SPI "ovl1" (any non-zero SPI is a well-formed ESP header), sequence number 1.
my $esp_packet = pack('NN', 0x6f766c31, 1) . $message;

my $running = 0;
for my $target (@tcp) {
    my ($port, $address) = @$target;
    if ($running >= 32) {
        wait;
        $running--;
    }
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        my $end = time + $seconds;
        my $error = 'no attempt';
        while (time < $end) {
            my $s = IO::Socket::IP->new(PeerHost => $address, PeerPort => $port, Proto => 'tcp', Timeout => 2);
            if ($s) {
                # The message goes only to ovl's own listener, which greets first. A port held by
                # someone else (dockerd's 7946 after setup) gets a bare connect and close: the
                # connection is the proof, and dockerd's memberlist would log our text as a bad message.
                my $greeting = '';
                sysread($s, $greeting, 64) if IO::Select->new($s)->can_read(2);
                print $s $message if $greeting =~ /^ovl-listen \Q$run\E/;
                close $s;
                print "SENT tcp $port $address\n";
                exit 0;
            }
            $error = "$!";
            select(undef, undef, undef, 0.3);
        }
        $error =~ s/\s+/_/g;
        print "FAILED tcp $port $address $error\n";
        exit 0;
    }
    $running++;
}

my %error;
my %socket;
my $end = time + $seconds;
while (@datagram && time < $end) {
    for my $target (@datagram) {
        my ($proto, $port, $address) = @$target;
        my $key = "$proto $port $address";
        my $sent;
        if ($proto eq 'esp') {
            my $v6 = $address =~ /:/;
            $socket{$key} ||= raw_socket($port, $v6);
            if (!$socket{$key}) {
                # Not a network verdict: this user may not open raw sockets (the probe needs root).
                $error{$key} = "raw socket: $!";
                next;
            }
            my $peer = $v6 ? inet_pton(AF_INET6, $address) : inet_pton(AF_INET, $address);
            if (!$peer) {
                $error{$key} = 'not an IP address';
                next;
            }
            $sent = send($socket{$key}, $esp_packet, 0, $v6 ? sockaddr_in6(0, $peer) : sockaddr_in(0, $peer));
        } else {
            $socket{$key} ||= IO::Socket::IP->new(PeerHost => $address, PeerPort => $port, Proto => 'udp');
            $sent = $socket{$key} && send($socket{$key}, $message, 0);
        }
        if (defined $sent && $sent) {
            $error{$key} = '';
        } elsif (!defined $error{$key} || $error{$key} ne '') {
            $error{$key} = "$!";
        }
    }
    select(undef, undef, undef, 0.3);
}
for my $target (@datagram) {
    my $key = join ' ', @$target;
    my $e = defined $error{$key} ? $error{$key} : 'no attempt';
    $e =~ s/\s+/_/g;
    print $e eq '' ? "SENT $key\n" : "FAILED $key $e\n";
}
1 while wait != -1;

# A raw socket of IP protocol $number, IPv6 when $v6, or undef with $! set.
sub raw_socket {
    my ($number, $v6) = @_;
    socket(my $raw, $v6 ? PF_INET6 : PF_INET, SOCK_RAW, $number) or return undef;
    return $raw;
}
