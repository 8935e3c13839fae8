/**
 * The two overlay modes behind one interface ({@link io.ovl.mode.OverlayMode}): kv mode over
 * {@link io.ovl.kvmode}, swarm mode over {@link io.ovl.swarm}, both placing networks through
 * {@link io.ovl.net}. init and reset are plan, then apply that same plan ({@link io.ovl.mode.PlannedChange}).
 */
package io.ovl.mode;
