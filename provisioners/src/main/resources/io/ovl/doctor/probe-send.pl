# ovl doctor: the sending half of the port probe. Run on the SOURCE host as
#   perl -e "$(cat probe-send.pl)" SECONDS RUN-ID SOURCE PROTO PORT ADDRESS [PROTO PORT ADDRESS]...
# Sends "ovl-probe RUN-ID SOURCE" to every target at once (one child process each), retrying
# for up to SECONDS while the listener starts: TCP until one connection succeeds, UDP every 0.3 s
# for the whole window (UDP has no handshake; the listener's "GOT" line is the proof).
# Prints "SENT proto port address" or "FAILED proto port address error" per target.
use strict;
use warnings;
use IO::Socket::INET;
$| = 1;
my ($seconds, $run, $source, @targets) = @ARGV;
my @children;
while (my ($proto, $port, $address) = splice(@targets, 0, 3)) {
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        my $message = "ovl-probe $run $source\n";
        my $end = time + $seconds;
        my $error = 'no attempt';
        while (time < $end) {
            if ($proto eq 'tcp') {
                my $s = IO::Socket::INET->new(PeerAddr => $address, PeerPort => $port, Proto => 'tcp', Timeout => 2);
                if ($s) {
                    print $s $message;
                    close $s;
                    print "SENT tcp $port $address\n";
                    exit 0;
                }
                $error = "$!";
            } else {
                my $s = IO::Socket::INET->new(PeerAddr => $address, PeerPort => $port, Proto => 'udp');
                if ($s && defined send($s, $message, 0)) {
                    $error = '';
                } else {
                    $error = "$!";
                }
                close $s if $s;
            }
            select(undef, undef, undef, 0.3);
        }
        $error =~ s/\s+/_/g;
        print $error eq '' ? "SENT $proto $port $address\n" : "FAILED $proto $port $address $error\n";
        exit 0;
    }
    push @children, $pid;
}
waitpid($_, 0) for @children;
