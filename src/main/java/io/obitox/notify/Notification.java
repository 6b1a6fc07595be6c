package io.obitox.notify;

/**
 * One desktop notification: a short title and a sentence.
 *
 * @param problem something failed (shown as an error or with critical urgency where the desktop has that)
 */
public record Notification(String title, String body, boolean problem) {}
