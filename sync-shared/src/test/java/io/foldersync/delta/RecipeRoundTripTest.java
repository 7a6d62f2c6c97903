package io.foldersync.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.foldersync.files.TextFiles;
import io.foldersync.testing.TextCorpus;

/**
 * apply(base, recipe(chunks(base), new)) == new, byte for byte, over random bases and random
 * edits (seeded: the seed is printed, and {@code -Ddelta.seed=N} replays a run), in both
 * directions the engine will use; plus the figure the issue asks for.
 */
class RecipeRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void applyingARecipeRebuildsTheNewContentExactly() throws IOException {
        long seed = Long.getLong("delta.seed", new Random().nextLong());
        System.out.println("RecipeRoundTripTest seed " + seed + " (replay with -Ddelta.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 0; round < 120; round++) {
            byte[] base = content(random);
            byte[] target = edited(random, base);
            String what = "seed " + seed + ", round " + round + ", base " + base.length + " bytes, new " + target.length;

            byte[] recipe = Recipes.recipe(base, target);
            assertThat(Recipes.recipeFromLists(dir, Recipes.chunks(base), TextFiles.sha256(base), target))
                    .as("the recipe from the chunk lists, " + what).isEqualTo(recipe);
            Path baseFile = Files.write(dir.resolve("base"), base);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ContentInspector.Inspection result = RecipeApplier.apply(new ByteArrayInputStream(recipe), baseFile,
                    TextFiles.sha256(base), out, target.length);

            assertThat(out.toByteArray()).as(what).isEqualTo(target);
            assertThat(result.sha256()).as(what).isEqualTo(TextFiles.sha256(target));
            assertThat(result.withoutChunks()).as(what).isEqualTo(TextFiles.inspect(new ByteArrayInputStream(target)));
            if (result.text() && target.length >= ContentInspector.CHUNKED_FROM_BYTES) {
                // the receiver records the new version's chunk list without reading the file again
                assertThat(result.chunks()).as(what).isEqualTo(Recipes.chunks(target));
            }
            else {
                assertThat(result.chunks()).as(what).isNull();
            }
            // a recipe never costs much more than the content itself
            assertThat(recipe.length).as(what).isLessThanOrEqualTo(target.length + 80 + 4 * (target.length / Chunker.MIN_SIZE + 2));
        }
    }

    @Test
    void theReceiverSentListWorksTheSameWayAndAStaleRecipeNeverGivesAWrongFile() throws IOException {
        long seed = Long.getLong("delta.seed", new Random().nextLong());
        System.out.println("RecipeRoundTripTest (receiver's list) seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 30; round++) {
            byte[] common = content(random);
            byte[] senderBase = edited(random, common); // what the sender thinks the receiver has
            byte[] receiverBase = edited(random, common); // what it really has (its own edit, a conflict loser, ...)
            byte[] target = edited(random, senderBase);
            String what = "seed " + seed + ", round " + round;

            // the receiver sends its chunk list and hash; the sender builds against that
            ChunkList sentByReceiver = ChunkList.decode(Recipes.chunks(receiverBase).encode());
            byte[] recipe = Recipes.recipe(sentByReceiver, TextFiles.sha256(receiverBase), target);
            assertThat(Recipes.apply(dir, recipe, receiverBase, TextFiles.sha256(receiverBase))).as(what).isEqualTo(target);

            // a recipe built against the sender's idea of the base, applied to the real one
            byte[] stale = Recipes.recipe(senderBase, target);
            if (!Arrays.equals(senderBase, receiverBase)) {
                assertThatThrownBy(() -> Recipes.apply(dir, stale, receiverBase, TextFiles.sha256(receiverBase)))
                        .as(what).isInstanceOf(DeltaException.class);
                // and with the receiver's bytes but the stale hash (a base changed on disk unnoticed):
                // either refused or, when the copied ranges happen to agree, exactly right
                try {
                    assertThat(Recipes.apply(dir, stale, receiverBase, TextFiles.sha256(senderBase))).as(what).isEqualTo(target);
                }
                catch (DeltaException e) {
                    assertThat(e.reason()).as(what).isIn(DeltaException.Reason.BASE_MISMATCH,
                            DeltaException.Reason.RESULT_MISMATCH, DeltaException.Reason.MALFORMED);
                }
            }
        }
    }

    /**
     * The figure: one line inserted in the middle of a 20 MB text file. rsync sends
     * 50,596 bytes for it (0.24 %); the target is under 0.5 %.
     */
    @Test
    void oneLineInsertedInTheMiddleOfA20MbFileCostsAFewKilobytes() throws IOException {
        TextCorpus corpus = new TextCorpus(20);
        byte[] base = corpus.prose(20 * 1000 * 1000);
        int middle = base.length / 2;
        while (base[middle - 1] != '\n') {
            middle++;
        }
        byte[] line = corpus.line().getBytes(StandardCharsets.UTF_8);
        byte[] target = new byte[base.length + line.length];
        System.arraycopy(base, 0, target, 0, middle);
        System.arraycopy(line, 0, target, middle, line.length);
        System.arraycopy(base, middle, target, middle + line.length, base.length - middle);
        Path baseFile = Files.write(dir.resolve("base.txt"), base);
        ContentInspector.Inspection baseInspection = ContentInspector.inspect(baseFile);
        String targetSha = TextFiles.sha256(target);

        Path recipeFile = dir.resolve("recipe");
        RecipeWriter.Summary summary;
        try (OutputStream out = Files.newOutputStream(recipeFile)) {
            summary = RecipeWriter.write(new ByteArrayInputStream(target), target.length, targetSha,
                    baseInspection.chunks(), baseInspection.sha256(), out);
        }
        Path result = dir.resolve("result.txt");
        try (InputStream recipe = Files.newInputStream(recipeFile); OutputStream out = Files.newOutputStream(result)) {
            RecipeApplier.apply(recipe, baseFile, baseInspection.sha256(), out, Long.MAX_VALUE);
        }

        long recipeBytes = Files.size(recipeFile);
        assertThat(Recipes.recipeFromLists(dir, baseInspection.chunks(), baseInspection.sha256(), target))
                .isEqualTo(Files.readAllBytes(recipeFile));
        int listBytes = baseInspection.chunks().encodedSize();
        System.out.printf("20 MB one-line insert (%d-byte line at %d): recipe %d bytes (%.4f %% of %d), "
                + "%d copies, %d data runs of %d bytes in all; the receiver's chunk list would add %d bytes "
                + "(%d chunks); rsync: 50,596 bytes%n", line.length, middle, recipeBytes,
                100.0 * recipeBytes / target.length, target.length, summary.copies(), summary.literals(),
                summary.literalBytes(), listBytes, baseInspection.chunks().size());
        assertThat(Files.mismatch(result, Files.write(dir.resolve("expected.txt"), target))).isEqualTo(-1L);
        assertThat(recipeBytes).isLessThan(target.length / 200); // under 0.5 %
        assertThat(recipeBytes).isLessThan(50_596); // and under rsync's
        assertThat(summary.copies()).isEqualTo(2);
    }

    /**
     * Memory stays flat however large the file: building and applying a recipe for 48 MB allocates
     * fixed buffers plus the chunk lists (about 0.3 % of the content), never the content.
     */
    @Test
    void buildingAndApplyingARecipeAllocateAFractionOfTheFile() throws IOException {
        int size = 48 * 1000 * 1000;
        byte[] base = ChunkerTest.letters(size, 7);
        byte[] target = base.clone();
        System.arraycopy("an edit in the middle\n".getBytes(StandardCharsets.UTF_8), 0, target, size / 2, 22);
        Path baseFile = Files.write(dir.resolve("base"), base);
        Path targetFile = Files.write(dir.resolve("target"), target);
        ChunkList baseChunks = Recipes.chunks(base);
        String baseSha = TextFiles.sha256(base);
        String targetSha = TextFiles.sha256(target);
        Path recipeFile = dir.resolve("recipe");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

        long before = threads.getCurrentThreadAllocatedBytes();
        try (InputStream in = Files.newInputStream(targetFile); OutputStream out = Files.newOutputStream(recipeFile)) {
            RecipeWriter.write(in, size, targetSha, baseChunks, baseSha, out);
        }
        long writing = threads.getCurrentThreadAllocatedBytes() - before;
        before = threads.getCurrentThreadAllocatedBytes();
        ContentInspector.Inspection result;
        try (InputStream in = Files.newInputStream(recipeFile)) {
            result = RecipeApplier.apply(in, baseFile, baseSha, OutputStream.nullOutputStream(), size);
        }
        long applying = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(result.sha256()).isEqualTo(targetSha);
        System.out.printf("48 MB recipe: writing allocated %,d bytes, applying %,d bytes%n", writing, applying);
        assertThat(writing).isLessThan(2_000_000);
        assertThat(applying).isLessThan(2_000_000); // with the new 5,000-chunk list it records
    }

    // ---- random contents and edits

    private static byte[] content(Random random) {
        int kind = random.nextInt(10);
        int size = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> random.nextInt(Chunker.MIN_SIZE); // smaller than one chunk
            case 2 -> Chunker.MIN_SIZE + random.nextInt(Chunker.MAX_SIZE);
            default -> random.nextInt(150_000);
        };
        TextCorpus corpus = new TextCorpus(random.nextLong());
        if (kind == 0) {
            byte[] bytes = new byte[size]; // not text: the recipe does not care
            random.nextBytes(bytes);
            return bytes;
        }
        if (kind == 1) {
            byte[] bytes = new byte[size]; // one repeated byte: the chunker's worst case
            Arrays.fill(bytes, (byte) 'z');
            return bytes;
        }
        return kind < 6 ? corpus.prose(size) : corpus.sourceCode(size);
    }

    private static byte[] edited(Random random, byte[] base) {
        byte[] out = base;
        int edits = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(5);
        for (int e = 0; e < edits; e++) {
            int at = switch (random.nextInt(4)) {
                case 0 -> 0; // at the start
                case 1 -> out.length; // at the end
                case 2 -> out.length / 2; // in the middle
                default -> out.length == 0 ? 0 : random.nextInt(out.length + 1);
            };
            int length = random.nextInt(4) == 0 ? random.nextInt(30_000) : 1 + random.nextInt(200);
            byte[] fresh = new TextCorpus(random.nextLong()).prose(length);
            out = switch (random.nextInt(5)) {
                case 0 -> splice(out, at, 0, fresh); // insert
                case 1 -> splice(out, at, Math.min(length, out.length - at), new byte[0]); // delete
                case 2 -> splice(out, at, Math.min(length, out.length - at), fresh); // replace
                case 3 -> random.nextBoolean() ? Arrays.copyOf(out, at) : Arrays.copyOfRange(out, at, out.length); // cut
                default -> random.nextInt(10) == 0 ? fresh : splice(out, at, 0, Arrays.copyOf(out, Math.min(at, length))); // unrelated, or a duplicated block
            };
        }
        return out;
    }

    private static byte[] splice(byte[] base, int at, int removed, byte[] inserted) {
        byte[] out = new byte[base.length - removed + inserted.length];
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(base, at + removed, out, at + inserted.length, base.length - at - removed);
        return out;
    }
}
