/**
 * {@code ovl new topology}: a topology drafted from what the hosts report. One floor above
 * {@code doctor} (its facts are gathered by {@link io.ovl.doctor.FactGatherer}, one batch per host).
 *
 * <ul>
 *   <li>{@link io.ovl.draft.HostArgument}: a command-line {@code [USER@]HOST[:PORT]};</li>
 *   <li>{@link io.ovl.draft.Underlay}: which interface's routes reach the other hosts (pure);</li>
 *   <li>{@link io.ovl.draft.FreeSubnet}: an example subnet that clashes with nothing seen (pure);</li>
 *   <li>{@link io.ovl.draft.DraftPlanner}: hosts and their facts to a {@link io.ovl.draft.TopologyDraft}
 *       with the reason for every choice (pure);</li>
 *   <li>{@link io.ovl.draft.DraftRenderer}: the draft as commented YAML, from
 *       {@code templates/new-topology.yaml}.</li>
 * </ul>
 */
package io.ovl.draft;
