package io.obitox.watch;

/**
 * What a watch is doing. {@code WATCHING ⇄ SCANNING} while it runs; {@code ERROR} (with a reason: the folder is
 * gone, permission denied, the target failing) until the problem goes, then back to {@code WATCHING} by itself;
 * {@code PAUSED} when the user paused it; {@code STOPPED} when no process runs it.
 */
public enum WatchState {
    STOPPED,
    WATCHING,
    SCANNING,
    PAUSED,
    ERROR
}
