package io.ovl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar, so `ovl --version` always matches the build. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        // From the jar's manifest (Implementation-Version, cli/pom.xml), which the JVM has read
        // already to define this package: no resource lookup, no jar: URL machinery at start-up.
        // From classes outside a jar (tests, IDEs): version.properties.
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return new String[] {"ovl " + fromManifest};
        }
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"ovl " + p.getProperty("version", "unknown")};
    }
}
