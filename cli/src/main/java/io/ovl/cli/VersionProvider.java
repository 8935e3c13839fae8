package io.ovl.cli;

import java.io.IOException;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar, so `ovl --version` always matches the build. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return new String[] {"ovl " + Main.version()};
    }
}
