package io.ovl.cli.shell;

import io.ovl.cli.shell.TopologyNames.NameKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.AutoComplete;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Tab completion in {@code ovl shell}: subcommands, options and enum values from picocli's own
 * completion logic (the same as the bash script's), plus host and network names from the
 * topology wherever a parameter takes one. A parameter takes host names when its label says
 * HOST, network names when it says NETWORK, or NAME under {@code ovl net}.
 */
final class ShellCompleter implements Completer {
    private final CommandSpec root;
    private final Supplier<TopologyNames> names;

    ShellCompleter(CommandSpec root, Supplier<TopologyNames> names) {
        this.root = root;
        this.names = names;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (String word : complete(line.words(), line.wordIndex(), line.wordCursor())) {
            candidates.add(new Candidate(word));
        }
    }

    /** Whole words that may stand at {@code words[index]}, given its first {@code cursor} characters. */
    List<String> complete(List<String> words, int index, int cursor) {
        String prefix = words.get(index).substring(0, cursor);
        List<String> out = new ArrayList<>();
        CommandSpec command = commandAt(words, index);
        String previous = index > 0 ? words.get(index - 1) : "";
        Optional<OptionSpec> valueOf = Optional.ofNullable(command.findOption(previous)).filter(o -> o.arity().max() > 0);
        if (valueOf.isPresent()) {
            kind(command, valueOf.get()).ifPresent(kind -> addNames(kind, prefix, out));
        } else if (!prefix.startsWith("-")) {
            command.positionalParameters().stream().flatMap(p -> kind(command, p).stream()).distinct()
                    .forEach(kind -> addNames(kind, prefix, out));
        }
        List<CharSequence> suffixes = new ArrayList<>();
        AutoComplete.complete(root, words.subList(0, index + 1).toArray(String[]::new), index, cursor, cursor, suffixes);
        for (CharSequence suffix : suffixes) {
            String word = prefix + suffix;
            if (!out.contains(word)) {
                out.add(word);
            }
        }
        return out;
    }

    private void addNames(NameKind kind, String prefix, List<String> out) {
        names.get().of(kind).stream().filter(n -> n.startsWith(prefix)).forEach(out::add);
    }

    /** The (sub)command the words before {@code index} lead to. */
    private CommandSpec commandAt(List<String> words, int index) {
        CommandSpec spec = root;
        for (String word : words.subList(0, index)) {
            CommandLine sub = spec.subcommands().get(word);
            if (sub != null) {
                spec = sub.getCommandSpec();
            }
        }
        return spec;
    }

    private static Optional<NameKind> kind(CommandSpec command, ArgSpec arg) {
        String label = arg.paramLabel().toUpperCase(Locale.ROOT);
        if (label.contains("HOST")) {
            return Optional.of(NameKind.HOST);
        }
        if (label.contains("NETWORK")) {
            return Optional.of(NameKind.NETWORK);
        }
        boolean underNet = command.qualifiedName(" ").startsWith(command.root().name() + " net");
        return underNet && label.equals("NAME") ? Optional.of(NameKind.NETWORK) : Optional.empty();
    }
}
