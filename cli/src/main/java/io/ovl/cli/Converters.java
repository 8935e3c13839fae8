package io.ovl.cli;

import io.ovl.addressing.AddressFormatException;
import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for address types: a bad value is a usage error that says why. */
final class Converters {
    private Converters() {
    }

    static void register(CommandLine cl) {
        cl.registerConverter(Prefix.class, Converters::prefix);
        cl.registerConverter(IpAddress.class, Converters::address);
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
