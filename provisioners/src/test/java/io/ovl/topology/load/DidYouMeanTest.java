package io.ovl.topology.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    static final List<String> NETWORK = List.of("name", "subnet", "ip-range", "gateway", "aux-addresses", "mtu", "labels");

    @Test
    void typosAndOtherSpellingsFindTheKey() {
        assertEquals(Optional.of("ip-range"), DidYouMean.suggest("iprange", NETWORK));
        assertEquals(Optional.of("ip-range"), DidYouMean.suggest("ipRange", NETWORK));
        assertEquals(Optional.of("ip-range"), DidYouMean.suggest("ip_range", NETWORK));
        assertEquals(Optional.of("ip-range"), DidYouMean.suggest("ip-rnage", NETWORK), "a swap counts as one edit");
        assertEquals(Optional.of("gateway"), DidYouMean.suggest("gatway", NETWORK));
        assertEquals(Optional.of("aux-addresses"), DidYouMean.suggest("aux-address", NETWORK));
    }

    @Test
    void unrelatedWordsGetNoSuggestion() {
        assertEquals(Optional.empty(), DidYouMean.suggest("colour", NETWORK));
        assertEquals(Optional.empty(), DidYouMean.suggest("x", NETWORK));
    }
}
