package io.ovl.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovl completion bash|zsh}: a completion script generated from the command tree. */
@Command(
        mixinStandardHelpOptions = true,
        name = "completion",
        description = {
            "Print a shell completion script (bash or zsh) for ovl.",
            "",
            "The script is generated from ovl's command tree; zsh uses it through",
            "bashcompinit."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(ovl completion bash)                      # this bash session",
            "  ovl completion bash > ~/.local/share/bash-completion/completions/ovl",
            "  echo 'source <(ovl completion zsh)' >> ~/.zshrc"
        })
public final class CompletionCommand implements Runnable {
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Override
    public void run() {
        String script = AutoComplete.bash("ovl", spec.root().commandLine());
        if (shell == Shell.zsh) {
            // picocli's script detects zsh itself and loads bashcompinit; say so for the reader.
            script = "# ovl completion for zsh (bash completion through bashcompinit)\n" + script;
        }
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
    }
}
