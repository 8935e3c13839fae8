package io.ovl.addressing;

import io.ovl.core.Finding;
import java.util.List;

/** One check over an {@link IpamPool}. Rules are independent so every problem is reported. */
public interface AddressingRule {
    List<Finding> check(IpamPool plan);
}
