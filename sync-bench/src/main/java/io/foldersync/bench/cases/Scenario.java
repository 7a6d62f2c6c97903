package io.foldersync.bench.cases;

import java.util.List;
import java.util.Set;

/**
 * A group of cases that share one data set and one server/client pair (setting the pair up is the
 * expensive part). Each adds its rows to the context; a failure it does not expect escapes, and the
 * run records it and goes on with the next scenario.
 */
public interface Scenario {

    /** The case numbers this scenario measures: "1a", "3", "5". */
    Set<String> cases();

    String title();

    void run(CaseContext ctx) throws Exception;

    /** Every scenario, in the order a run measures them (short ones first, the 50,000 files last). */
    static List<Scenario> all() {
        return List.of(new SmallFilesScenario(), new OneLineInsertScenario(), new ManyChangesScenario(),
                new LargeFileScenario(), new ManyFilesScenario());
    }
}
