package io.ovl.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a run log may show of a command line or a message. ovl keeps secrets out of argv by design
 * (the sudo password goes to sudo's stdin, join tokens in API bodies, certificates as stdin), so
 * this is the second line of defence, applied to everything a log is given:
 *
 * <ul>
 *   <li>environment assignments: the value of {@code -e K=V}, {@code --env K=V}, {@code --env=K=V},
 *       and of every {@code K=V} after {@code env};</li>
 *   <li>the value of any option or assignment whose name says secret: password, passwd, token,
 *       secret, passphrase, credential, private key ({@code --join-token X}, {@code --password=X},
 *       {@code ETCD_ROOT_PASSWORD=X});</li>
 *   <li>anywhere: swarm join tokens ({@code SWMTKN-...}) and PEM private key blocks.</li>
 * </ul>
 * A {@link Secret} of the session is replaced wherever it appears ({@link Secret#redact}).
 */
public final class Redaction {
    /** What stands in for a value that is not shown. */
    public static final String HIDDEN = "<redacted>";

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(passw(or)?d|passwd|token|secret|passphrase|credential|private[-_]?key|api[-_]?key).*");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*)=(.*)", Pattern.DOTALL);
    private static final Pattern OPTION_WITH_VALUE = Pattern.compile("(--?[A-Za-z0-9][A-Za-z0-9_.-]*)=(.*)",
            Pattern.DOTALL);
    private static final Pattern SWARM_TOKEN = Pattern.compile("SWMTKN-[A-Za-z0-9-]+");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(-----END \\1PRIVATE KEY-----|\\z)", Pattern.DOTALL);

    private Redaction() {
    }

    /** Longer arguments (ovl's own probe and lock scripts) are shortened in a run log line. */
    static final int LONG = 240;
    private static final int SHOWN = 72;

    /** {@code argv} as a log shows it: each argument quoted as {@link RemoteCommand#quote}, secrets replaced. */
    public static String argv(List<String> argv) {
        return redactArgs(argv).stream().map(RemoteCommand::quote).collect(Collectors.joining(" "));
    }

    /**
     * As {@link #argv}, with each argument longer than {@value #LONG} characters (a script of ovl's
     * own, such as the port probe's) cut after its first line or {@value #SHOWN} characters and
     * followed by its length: {@code 'perl -e ... # ovl doctor: the listening half...'(3012 chars)}.
     */
    public static String argvShortened(List<String> argv) {
        return redactArgs(argv).stream().map(Redaction::shortened).collect(Collectors.joining(" "));
    }

    private static String shortened(String arg) {
        if (arg.length() <= LONG) {
            return RemoteCommand.quote(arg);
        }
        int nl = arg.indexOf('\n');
        String head = arg.substring(0, Math.min(nl < 0 ? SHOWN : nl, SHOWN));
        return RemoteCommand.quote(head + "...") + "(" + arg.length() + " chars)";
    }

    /** The arguments with every value that may be secret replaced by {@link #HIDDEN}; the structure stays. */
    static List<String> redactArgs(List<String> argv) {
        List<String> out = new ArrayList<>(argv.size());
        boolean inEnv = false; // after `env`: its options and assignments, up to the command it runs
        String previous = "";
        for (String arg : argv) {
            String shown;
            if (inEnv && ASSIGNMENT.matcher(arg).matches()) {
                shown = valueHidden(arg, true);
            } else if (inEnv && arg.startsWith("-")) {
                shown = arg;
            } else {
                inEnv = false;
                if (previous.equals("-e") || previous.equals("--env")) {
                    shown = valueHidden(arg, true);
                } else if (isSecretOption(previous)) {
                    shown = HIDDEN;
                } else if (arg.startsWith("--env=")) {
                    shown = "--env=" + valueHidden(arg.substring("--env=".length()), true);
                } else {
                    shown = optionOrAssignment(arg);
                }
                inEnv = isEnvProgram(arg);
            }
            out.add(text(shown));
            previous = arg;
        }
        return out;
    }

    /** {@code text} with swarm join tokens and private keys replaced: for messages and stderr lines. */
    public static String text(String text) {
        String t = PRIVATE_KEY.matcher(text).replaceAll(Matcher.quoteReplacement("<redacted private key>"));
        return SWARM_TOKEN.matcher(t).replaceAll("SWMTKN-" + Matcher.quoteReplacement(HIDDEN));
    }

    private static boolean isEnvProgram(String arg) {
        return arg.equals("env") || arg.endsWith("/env");
    }

    /** {@code --password}, {@code --join-token}: named options only; a short flag says nothing of its value. */
    private static boolean isSecretOption(String arg) {
        return arg.startsWith("-") && !arg.contains("=") && SECRET_NAME.matcher(arg).matches();
    }

    private static String optionOrAssignment(String arg) {
        Matcher option = OPTION_WITH_VALUE.matcher(arg);
        if (option.matches()) {
            return SECRET_NAME.matcher(option.group(1)).matches() ? option.group(1) + "=" + HIDDEN : arg;
        }
        return valueHidden(arg, false);
    }

    /**
     * {@code K=V} as {@code K=<redacted>}: always for an environment value, else when K names a
     * secret. Not an assignment (a bare name passed through, a grep pattern): as it is.
     */
    private static String valueHidden(String arg, boolean always) {
        Matcher a = ASSIGNMENT.matcher(arg);
        if (!a.matches()) {
            return arg;
        }
        if (always || SECRET_NAME.matcher(a.group(1)).matches()) {
            return a.group(1) + "=" + HIDDEN;
        }
        return arg;
    }
}
