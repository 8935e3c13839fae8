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

    /*
     * Named classes, not method references: picocli's interfaces are class-file version 49, and
     * JDK 17's dynamic CDS dump (the launcher's first-run archive) crashed in
     * SystemDictionaryShared::adjust_lambda_proxy_class_dictionary on lambda proxies of them.
     */
    static void register(CommandLine cl) {
        cl.registerConverter(Prefix.class, new PrefixConverter());
        cl.registerConverter(IpAddress.class, new AddressConverter());
        IntegerConverter integers = new IntegerConverter();
        cl.registerConverter(Integer.class, integers);
        cl.registerConverter(Integer.TYPE, integers);
    }

    private static final class PrefixConverter implements CommandLine.ITypeConverter<Prefix> {
        @Override
        public Prefix convert(String value) {
            return prefix(value);
        }
    }

    private static final class AddressConverter implements CommandLine.ITypeConverter<IpAddress> {
        @Override
        public IpAddress convert(String value) {
            return address(value);
        }
    }

    private static final class IntegerConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return integer(value);
        }
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
