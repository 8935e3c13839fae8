package io.ovl.cli.shell;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import picocli.CommandLine;

/**
 * The read-run loop of {@code ovl shell}: reads a line with completion and history, runs it
 * through the same picocli command tree as the {@code ovl} command, prints a non-zero exit code,
 * and reads the next. Ctrl-C drops the line, Ctrl-D or {@code exit} leaves.
 */
final class Shell {
    static final String PROMPT = "ovl> ";
    private static final Set<String> LEAVE = Set.of("exit", "quit");

    private final Terminal terminal;
    private final CommandLine commands;
    private final Supplier<TopologyNames> names;
    private final Optional<Path> history;

    Shell(Terminal terminal, CommandLine commands, Supplier<TopologyNames> names, Optional<Path> history) {
        this.terminal = terminal;
        this.commands = commands;
        this.names = names;
        this.history = history;
    }

    /** Runs until the user leaves; returns the exit code of the last command (0 if none ran). */
    int run(String banner) {
        PrintWriter out = io.ovl.cli.EscapingWriter.guard(terminal.writer());
        commands.setOut(out);
        commands.setErr(out);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("ovl")
                .parser(new DefaultParser())
                .completer(new ShellCompleter(commands.getCommandSpec(), names));
        history.ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        LineReader reader = builder.build();
        out.println(banner);
        out.flush();
        int last = 0;
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            List<String> words = words(reader.getParsedLine().words());
            if (words.isEmpty()) {
                continue;
            }
            if (LEAVE.contains(words.get(0))) {
                break;
            }
            last = commands.execute(words.toArray(String[]::new));
            if (last != 0) {
                out.println("(exit " + last + ")");
            }
            out.flush();
        }
        if (history.isPresent()) {
            try {
                reader.getHistory().save();
            } catch (java.io.IOException e) {
                out.println("ovl shell: could not save history to " + history.get() + ": " + e.getMessage());
            }
        }
        out.flush();
        return last;
    }

    /** The words of a line, without empty ones and without a leading "ovl" typed out of habit. */
    static List<String> words(List<String> parsed) {
        List<String> words = new ArrayList<>();
        for (String w : parsed) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        if (!words.isEmpty() && words.get(0).equals("ovl")) {
            words.remove(0);
        }
        return words;
    }
}
