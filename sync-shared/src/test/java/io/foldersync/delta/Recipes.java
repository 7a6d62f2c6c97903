package io.foldersync.delta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.foldersync.files.TextFiles;

/** Test helpers: chunk lists of any bytes (text or not), recipes and applies in memory. */
final class Recipes {

    private Recipes() {
    }

    /** The chunk list of any content, text or not (the inspector lists text only). */
    static ChunkList chunks(byte[] content) throws IOException {
        ChunkList.Builder builder = new ChunkList.Builder();
        ChunkIds ids = new ChunkIds();
        Chunker chunker = new Chunker((bytes, offset, length) -> {
            ids.hash(bytes, offset, length);
            builder.add(ids.high, ids.low, length);
        });
        chunker.update(content, 0, content.length);
        chunker.finish();
        return builder.build();
    }

    static byte[] recipe(byte[] base, byte[] target) throws IOException {
        return recipe(chunks(base), TextFiles.sha256(base), target);
    }

    static byte[] recipe(ChunkList base, String baseSha256, byte[] target) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecipeWriter.write(new ByteArrayInputStream(target), target.length, TextFiles.sha256(target), base, baseSha256, out);
        return out.toByteArray();
    }

    /** The same recipe, built from the target's chunk list, reading only its data chunks from a file. */
    static byte[] recipeFromLists(Path dir, ChunkList base, String baseSha256, byte[] target) throws IOException {
        Path file = Files.write(dir.resolve("target"), target);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var channel = Files.newByteChannel(file)) {
            RecipeWriter.write(chunks(target), TextFiles.sha256(target), channel, base, baseSha256, out);
        }
        return out.toByteArray();
    }

    /** Applies a recipe to a base file holding {@code base}; the result's bytes. */
    static byte[] apply(Path dir, byte[] recipe, byte[] base, String baseSha256) throws IOException {
        Path file = Files.write(dir.resolve("base"), base);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecipeApplier.apply(new ByteArrayInputStream(recipe), file, baseSha256, out, Long.MAX_VALUE);
        return out.toByteArray();
    }
}
