# ovl doctor: the sending half of the port probe. Run on the SOURCE host as
#   perl -e "$(cat probe-send.pl)" SECONDS RUN-ID SOURCE PROTO PORT ADDRESS [PROTO PORT ADDRESS]...
# Sends "ovl-probe RUN-ID SOURCE" to every target (over TCP only after the "ovl-listen RUN-ID"
# greeting of ovl's listener), retrying for up to SECONDS while the listeners
# start. TCP: one child process per target, at most 32 at a time (a big cluster must not fork
# hundreds of processes on one host), each until one connection succeeds. UDP: this process sends
# to every UDP target every 0.3 s for the whole window (no handshake, so no child is needed; the
# listener's "GOT" line is the proof). Prints "SENT proto port address" or
# "FAILED proto port address error" per target.
use strict;
use warnings;
use IO::Socket::INET;
use IO::Select;
$| = 1;
my ($seconds, $run, $source, @targets) = @ARGV;
my $message = "ovl-probe $run $source\n";
my (@tcp, @udp);
while (my ($proto, $port, $address) = splice(@targets, 0, 3)) {
    push @{$proto eq 'tcp' ? \@tcp : \@udp}, [$port, $address];
}

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
            my $s = IO::Socket::INET->new(PeerAddr => $address, PeerPort => $port, Proto => 'tcp', Timeout => 2);
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
while (@udp && time < $end) {
    for my $target (@udp) {
        my ($port, $address) = @$target;
        my $key = "$port $address";
        $socket{$key} ||= IO::Socket::INET->new(PeerAddr => $address, PeerPort => $port, Proto => 'udp');
        if ($socket{$key} && defined send($socket{$key}, $message, 0)) {
            $error{$key} = '';
        } elsif (!defined $error{$key} || $error{$key} ne '') {
            $error{$key} = "$!";
        }
    }
    select(undef, undef, undef, 0.3);
}
for my $target (@udp) {
    my $key = "$target->[0] $target->[1]";
    my $e = defined $error{$key} ? $error{$key} : 'no attempt';
    $e =~ s/\s+/_/g;
    print $e eq '' ? "SENT udp $key\n" : "FAILED udp $key $e\n";
}
1 while wait != -1;
