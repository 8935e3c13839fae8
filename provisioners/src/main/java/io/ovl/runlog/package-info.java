/**
 * The record of a run ({@code ovl init}, {@code reset}, {@code migrate}, {@code net create},
 * {@code net rm}, {@code net verify}): {@link io.ovl.runlog.RunLogFile} receives what every
 * host session reports ({@link io.ovl.ssh.RunLog}) and writes it line by line;
 * {@link io.ovl.runlog.RunLogPruning} keeps the default directory small. The CLI decides whether a
 * run has a log and where.
 */
package io.ovl.runlog;
