package io.ovl.render;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;

/**
 * A template under templates/ and the values given to it do not fit: a placeholder without a
 * value, a value for no placeholder, a malformed placeholder. Always a bug in ovl or in an edited
 * template, hence {@link ExitCode#SOFTWARE}; the message names the template and the line.
 */
public final class TemplateException extends OvlException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(ExitCode.SOFTWARE, message);
    }
}
