package io.foldersync.protocol;

/**
 * What the content of a FILE_UPDATE is (its {@code encoding} field, an extension). Absent: the
 * file itself. {@code zstd}: the file compressed (feature {@value Features#ZSTD}). {@code delta}: a
 * recipe that turns the receiver's version {@code deltaBase} into the file (feature
 * {@value Features#DELTA}; {@link io.foldersync.delta.RecipeFormat}). {@code delta+zstd}: such a
 * recipe, compressed. Whatever the encoding, {@code sha256} is the hash of the whole file, checked
 * by the receiver before anything is written.
 */
public final class Encoding {

    public static final String ZSTD = "zstd";

    public static final String DELTA = "delta";

    public static final String DELTA_ZSTD = "delta+zstd";

    private Encoding() {
    }

    public static boolean known(String encoding) {
        return ZSTD.equals(encoding) || DELTA.equals(encoding) || DELTA_ZSTD.equals(encoding);
    }

    public static boolean compressed(String encoding) {
        return ZSTD.equals(encoding) || DELTA_ZSTD.equals(encoding);
    }

    public static boolean delta(String encoding) {
        return DELTA.equals(encoding) || DELTA_ZSTD.equals(encoding);
    }
}
