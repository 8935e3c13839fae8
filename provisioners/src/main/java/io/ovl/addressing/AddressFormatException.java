package io.ovl.addressing;

/** Text that is not an IP address or prefix. The message names the text and what was expected. */
public final class AddressFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public AddressFormatException(String message) {
        super(message);
    }
}
