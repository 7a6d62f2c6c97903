package io.foldersync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PathOrderTest {

    private static final String[] PIECES = { "a", "b", "Z", "0", ".", "-", "/", "é", "\u00ff", "\u4e2d", "\uE000",
            "\uFFFD", "\uD83D\uDE00", "\uD800\uDC00", "~" };

    @Test
    void ordersAsTheUtf8BytesDoWhichIsHowSqliteSortsText() {
        long seed = System.nanoTime();
        System.out.println("PathOrderTest seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String a = random(random);
            String b = random(random);
            int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
            assertThat(Integer.signum(PathOrder.compare(a, b))).as("seed %d: %s vs %s", seed, a, b)
                    .isEqualTo(Integer.signum(bytes));
        }
    }

    @Test
    void anEmojiSortsAfterThePrivateUseAreaUnlikeStringCompareTo() {
        String emoji = "\uD83D\uDE00.txt";
        String privateUse = "\uE000.txt";
        assertThat(emoji.compareTo(privateUse)).isNegative();
        assertThat(PathOrder.compare(emoji, privateUse)).isPositive();
    }

    @Test
    void aDirectorySortsWhereItsFilesPathsAre() {
        List<String> keys = new ArrayList<>(List.of(PathOrder.entryKey("a0", false), PathOrder.entryKey("a", true),
                PathOrder.entryKey("a.txt", false), PathOrder.entryKey("a-b", true)));
        keys.sort(PathOrder.ORDER);
        assertThat(keys).containsExactly("a-b/", "a.txt", "a/", "a0");
        List<String> paths = new ArrayList<>(List.of("a0", "a/x", "a.txt", "a-b/y"));
        paths.sort(PathOrder.ORDER);
        assertThat(paths).containsExactly("a-b/y", "a.txt", "a/x", "a0");
    }

    private static String random(Random random) {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }
}
