package io.ovl.cli;

import io.ovl.addressing.AddressFormatException;
import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for address types and whole numbers: a bad value is a usage error that says why. */
final class Converters {
    private Converters() {
    }

    static void register(CommandLine cl) {
        cl.registerConverter(Prefix.class, Converters::prefix);
        cl.registerConverter(IpAddress.class, Converters::address);
        cl.registerConverter(Integer.class, Converters::integer);
        cl.registerConverter(Integer.TYPE, Converters::integer);
    }

    /** As picocli's, but a number too large says so instead of "is not an int". */
    static Integer integer(String text) {
        String t = text.strip();
        if (!t.matches("[+-]?\\d+")) {
            throw new TypeConversionException("'" + text + "' is not a whole number");
        }
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is " + (t.startsWith("-") ? "too small (at least "
                    + Integer.MIN_VALUE : "too large (at most " + Integer.MAX_VALUE) + ")");
        }
    }

    static Prefix prefix(String text) {
        try {
            return Prefix.parse(text);
        } catch (AddressFormatException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static IpAddress address(String text) {
        try {
            return IpAddress.parse(text);
        } catch (AddressFormatException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
