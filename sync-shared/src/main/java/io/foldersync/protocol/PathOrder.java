package io.foldersync.protocol;

import java.util.Comparator;

/**
 * The one order of paths every sorted stream of a folder uses: Unicode code points, which is the
 * order of their UTF-8 bytes, so SQLite's {@code ORDER BY path} (binary collation of UTF-8 text)
 * and a sorted walk of the disk line up and can be merged in one pass without holding either.
 * {@link String#compareTo} is not this order: it compares UTF-16 units, which puts a character
 * above U+FFFF (an emoji) before U+E000..U+FFFF.
 */
public final class PathOrder {

    public static final Comparator<String> ORDER = PathOrder::compare;

    private PathOrder() {
    }

    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return fixup(x) - fixup(y);
            }
        }
        return a.length() - b.length();
    }

    /**
     * Moves the surrogates (U+D800..U+DFFF, the halves of code points above U+FFFF) above
     * U+E000..U+FFFF, which turns UTF-16 unit order into code point order.
     */
    private static int fixup(char c) {
        if (c < 0xD800) {
            return c;
        }
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /**
     * The key a directory entry sorts under among its siblings: a directory sorts as {@code name/},
     * where its files' paths are, so a walk in this order yields whole paths in {@link #ORDER}
     * ({@code a.txt < a/b < a0}).
     */
    public static String entryKey(String name, boolean directory) {
        return directory ? name + "/" : name;
    }
}
