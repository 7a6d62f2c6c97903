package io.foldersync.model;

import java.util.ArrayList;
import java.util.List;

/** The readable log of a run: every step, numbered {@code r<round>.<action>}, printed as it happens and kept for a failure report. */
final class StepLog {

    private final List<String> lines = new ArrayList<>();

    private String step = "r0";

    String step() {
        return step;
    }

    void step(String step) {
        this.step = step;
    }

    void log(String what) {
        String line = step + " " + what;
        lines.add(line);
        System.out.println("[model] " + line);
    }

    List<String> lines() {
        return lines;
    }
}
