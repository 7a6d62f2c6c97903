package io.foldersync.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of the benchmark (see {@link #USAGE}).
 *
 * @param only the cases to run (empty: all)
 * @param command the command to record in bench/RESULTS.md (bench/run.sh passes its own)
 */
record Options(boolean quick, Set<String> only, boolean tls, Path workBase, boolean keep, Path results, boolean record,
        double timeoutScale, long seed, Path repo, String command) {

    static final Set<String> CASES = Set.of("1a", "1b", "2", "3", "4", "5", "6");

    static final String USAGE = """
            usage: bench/run.sh [options]
              --quick             smaller sizes (a smoke check of a few minutes); verdicts only indicative
              --only 1a,2,...     run only these cases (1a 1b 2 3 4 5 6; 3 and 5 include 1a's first sync)
              --tls               ask both sides for TLS (foldersync.tls.enabled=true); default plain TCP
              --timeout-scale X   multiply every case's timeout (default 1)
              --seed N            seed of the generated data (default 8)
              --work-dir DIR      where the temporary folders go (default: the system's temp directory)
              --keep              keep the temporary folders and logs
              --no-record         do not append the run to bench/RESULTS.md
              --results FILE      append to this file instead of bench/RESULTS.md
            """;

    static Options parse(String[] args) {
        boolean quick = false;
        Set<String> only = new LinkedHashSet<>();
        boolean tls = false;
        Path workBase = Path.of(System.getProperty("java.io.tmpdir"));
        boolean keep = false;
        Path repo = Path.of("").toAbsolutePath();
        Path results = null;
        boolean record = true;
        double scale = 1;
        long seed = 8;
        String command = null;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            switch (arg) {
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                case "--quick" -> quick = true;
                case "--tls" -> tls = true;
                case "--keep" -> keep = true;
                case "--no-record" -> record = false;
                case "--only" -> {
                    for (String id : value(rest, arg).split(",")) {
                        if (!CASES.contains(id.strip())) {
                            throw new IllegalArgumentException("--only: unknown case '" + id + "' (cases: 1a 1b 2 3 4 5 6)");
                        }
                        only.add(id.strip());
                    }
                }
                case "--timeout-scale" -> {
                    scale = number(value(rest, arg), arg);
                    if (scale <= 0) {
                        throw new IllegalArgumentException("--timeout-scale must be positive");
                    }
                }
                case "--seed" -> seed = (long) number(value(rest, arg), arg);
                case "--work-dir" -> workBase = Path.of(value(rest, arg)).toAbsolutePath();
                case "--results" -> results = Path.of(value(rest, arg)).toAbsolutePath();
                case "--repo" -> repo = Path.of(value(rest, arg)).toAbsolutePath();
                case "--command" -> command = value(rest, arg);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new Options(quick, Set.copyOf(only), tls, workBase, keep,
                results != null ? results : repo.resolve("bench/RESULTS.md"), record, scale, seed, repo,
                command != null ? command : "java -jar sync-bench/target/sync-bench.jar " + String.join(" ", args));
    }

    boolean selected(Set<String> cases) {
        return only.isEmpty() || cases.stream().anyMatch(only::contains);
    }

    private static String value(List<String> rest, String option) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }

    private static double number(String text, String option) {
        try {
            return Double.parseDouble(text);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a number: " + text);
        }
    }
}
