package org.cgtbulletin.model;

/**
 * Where a long run reports how far it has come, so that a person can see it: the stages as they begin, and steps
 * within a stage that has countable parts (the PDF digests). Called from the thread that runs the stages.
 */
public interface Progress {

    /** Reports nothing. */
    Progress NONE = new Progress() {
        @Override
        public void stage(String name) {
        }
    };

    /** A stage begins; the previous one, if any, has ended. */
    void stage(String name);

    /** Within the current stage, {@code done} of {@code total} parts are finished. */
    default void step(int done, int total) {
    }
}
