package io.obitox.cors.ui;

/** The kind of a step's status line, which the views colour. */
public enum StepStatus {
    NONE,
    INFO,
    SUCCESS,
    WARNING,
    ERROR
}
