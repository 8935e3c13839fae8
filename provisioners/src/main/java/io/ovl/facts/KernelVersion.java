package io.ovl.facts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Linux kernel release as printed by {@code uname -r}: "4.2.0-34-generic",
 * "3.10.0-1160.el7.x86_64", "6.1.0-13-amd64", "5.15.0-1019-azure", "6.18.44-fc-v769", "6.8.0".
 *
 * <p>Only major, minor and patch are interpreted; the distribution suffix is kept verbatim in
 * {@code release} for messages. The patch level defaults to 0 when absent ("4.19-rc1").
 */
public record KernelVersion(int major, int minor, int patch, String release) {

    // major.minor, optional .patch, then anything that does not continue the number
    // ("-34-generic", ".el7.x86_64", "+", "-rc1"). A trailing digit run must not be cut short.
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?![\\d])(.*)");

    public KernelVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("kernel version parts must not be negative");
        }
    }

    /**
     * Parses the output of {@code uname -r} (surrounding whitespace and a trailing newline are
     * ignored).
     *
     * @throws UnparseableOutputException when the text does not start with MAJOR.MINOR
     */
    public static KernelVersion parse(String unameR) {
        String text = unameR.strip();
        Matcher m = RELEASE.matcher(text);
        if (text.isEmpty() || text.contains("\n") || !m.matches()) {
            throw new UnparseableOutputException("output of `uname -r`: expected a kernel release such as"
                    + " '5.15.0-1019-azure' (MAJOR.MINOR[.PATCH][suffix]), got '" + text + "'");
        }
        try {
            int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, text);
        } catch (NumberFormatException e) {
            throw new UnparseableOutputException(
                    "output of `uname -r`: version number out of range in '" + text + "'", e);
        }
    }

    /** True when this kernel is MAJOR.MINOR or newer, e.g. {@code atLeast(3, 16)} for VXLAN overlays. */
    public boolean atLeast(int wantMajor, int wantMinor) {
        return major != wantMajor ? major > wantMajor : minor >= wantMinor;
    }

    @Override
    public String toString() {
        return release;
    }
}
