package io.obitox.transfer;

/**
 * The progress of a set of transfers as one line of counts (what the command line's progress line shows): how many
 * there are, how many completed and how many failed or were cancelled, their bytes and bytes done, and the summed
 * speed of those running now.
 */
public record TransferProgress(int files, int completed, int failed, long size, long done, double speedBps) {}
