package io.foldersync.bench.cases;

/** Sizes as the table names them: "5,000 x 20 KB", "20 MiB", "1 GiB". */
final class Labels {

    private Labels() {
    }

    static String files(int count, int meanBytes) {
        return String.format("%,d x %s", count, size(meanBytes));
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1000 && bytes % 1000 == 0) {
            return (bytes / 1000) + " KB";
        }
        return String.format("%,d B", bytes);
    }
}
