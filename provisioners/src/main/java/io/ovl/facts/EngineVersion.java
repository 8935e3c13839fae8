package io.ovl.facts;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker Engine version as dockerd reports it: "20.10.24+dfsg1" (Debian), "26.1.5+dfsg1",
 * "23.0.0", "24.0.7-0ubuntu2~22.04.1", "17.03.2-ce", "1.13.1". The suffix after MAJOR.MINOR.PATCH
 * is kept in {@code raw} only.
 */
public record EngineVersion(int major, int minor, int patch, String raw) implements Comparable<EngineVersion> {

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?!\\d)(.*)");
    private static final Comparator<EngineVersion> ORDER = Comparator.comparingInt(EngineVersion::major)
            .thenComparingInt(EngineVersion::minor).thenComparingInt(EngineVersion::patch);

    /** @throws UnparseableOutputException when the text does not start with MAJOR.MINOR */
    public static EngineVersion parse(String text) {
        String s = text.strip();
        Matcher m = VERSION.matcher(s);
        if (!m.matches()) {
            throw new UnparseableOutputException("Docker Engine version: expected MAJOR.MINOR.PATCH such as"
                    + " '20.10.24+dfsg1', got '" + s + "'");
        }
        try {
            int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return new EngineVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, s);
        } catch (NumberFormatException e) {
            throw new UnparseableOutputException("Docker Engine version: number out of range in '" + s + "'", e);
        }
    }

    /**
     * True when dockerd still accepts {@code --cluster-store} and {@code --cluster-advertise}:
     * Engine 23.0 removed them, and dockerd then refuses to start with "unknown flag".
     */
    public boolean supportsClusterStore() {
        return major < 23;
    }

    @Override
    public int compareTo(EngineVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return raw;
    }
}
