package io.ovl.cli;

/**
 * The one line a command adds to say it changes hosts ({@code implements ChangesHosts}): every run
 * of it writes a run log by default ({@link RunLogging}), as init, reset, migrate, net create,
 * net rm and net verify do. Other commands write one only when given {@code --log-file}.
 */
interface ChangesHosts {
}
