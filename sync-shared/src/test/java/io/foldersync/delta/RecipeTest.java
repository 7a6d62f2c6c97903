package io.foldersync.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.foldersync.files.TextFiles;
import io.foldersync.testing.TextCorpus;

/** The recipe format: pinned bytes, and every way a recipe can be wrong ends in a DeltaException, never a file. */
class RecipeTest {

    private static final byte[] BASE = "line\n".repeat(100).getBytes(StandardCharsets.UTF_8); // 500 bytes, one chunk

    private static final String BASE_SHA = TextFiles.sha256(BASE);

    private static final String MAGIC_V1 = "4653445201";

    @TempDir
    Path dir;

    // ---- golden bytes

    @Test
    void anUnchangedFileIsOneCopy() throws IOException {
        byte[] recipe = Recipes.recipe(BASE, BASE);

        assertThat(HexFormat.of().formatHex(recipe)).isEqualTo(MAGIC_V1
                + "f403" + BASE_SHA // base: 500 bytes
                + "f403" + BASE_SHA // target: the same
                + "01" + "00" + "f403" // COPY 0, 500
                + "00"); // END
        assertThat(Recipes.apply(dir, recipe, BASE, BASE_SHA)).isEqualTo(BASE);
    }

    @Test
    void unrelatedContentIsOneDataRun() throws IOException {
        byte[] target = "new\n".getBytes(StandardCharsets.UTF_8);

        byte[] recipe = Recipes.recipe(BASE, target);

        assertThat(HexFormat.of().formatHex(recipe)).isEqualTo(MAGIC_V1
                + "f403" + BASE_SHA
                + "04" + TextFiles.sha256(target)
                + "02" + "04" + "6e65770a" // DATA 4 "new\n"
                + "00");
        assertThat(Recipes.apply(dir, recipe, BASE, BASE_SHA)).isEqualTo(target);
    }

    @Test
    void anEmptyTargetIsJustTheHeader() throws IOException {
        byte[] recipe = Recipes.recipe(BASE, new byte[0]);

        assertThat(HexFormat.of().formatHex(recipe))
                .isEqualTo(MAGIC_V1 + "f403" + BASE_SHA + "00" + TextFiles.sha256(new byte[0]) + "00");
        assertThat(Recipes.apply(dir, recipe, BASE, BASE_SHA)).isEmpty();
    }

    @Test
    void adjacentCopiesAreOneRangeAndAChangedChunkIsOneDataRun() throws IOException {
        byte[] base = new TextCorpus(8).prose(400_000);
        byte[] target = base.clone();
        target[200_000] = (byte) (target[200_000] == 'x' ? 'y' : 'x');
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        RecipeWriter.Summary summary = RecipeWriter.write(new ByteArrayInputStream(target), target.length,
                TextFiles.sha256(target), Recipes.chunks(base), TextFiles.sha256(base), out);

        assertThat(summary.copies()).isEqualTo(2);
        assertThat(summary.literals()).isEqualTo(1);
        assertThat(summary.literalBytes()).isBetween((long) Chunker.MIN_SIZE, (long) Chunker.MAX_SIZE);
        assertThat(summary.copiedBytes() + summary.literalBytes()).isEqualTo(target.length);
        assertThat(summary.recipeBytes()).isEqualTo(out.size());
        assertThat(Recipes.apply(dir, out.toByteArray(), base, TextFiles.sha256(base))).isEqualTo(target);
    }

    // ---- malformed recipes: refused as MALFORMED

    static Arguments[] malformed() {
        String header = MAGIC_V1 + "f403" + BASE_SHA + "0a" + TextFiles.sha256("0123456789".getBytes(StandardCharsets.UTF_8));
        return new Arguments[] {
                Arguments.of("empty input", ""),
                Arguments.of("no magic", "4653445801"),
                Arguments.of("an unknown version", "4653445202"),
                Arguments.of("input ending inside the base SHA-256", MAGIC_V1 + "f403" + "0011"),
                Arguments.of("a base length in a non-shortest form", MAGIC_V1 + "f48300" + BASE_SHA),
                Arguments.of("no operation at all", header),
                Arguments.of("an unknown operation", header + "07"),
                Arguments.of("a copy past the end of the base", header + "01" + "eb03" + "0a"), // [491, 501) of 500
                Arguments.of("a copy starting past the base", header + "01" + "f503" + "01"),
                Arguments.of("a copy of zero bytes", header + "01" + "00" + "00"),
                Arguments.of("a copy with a huge offset", header + "01" + "ffffffffffffffff7f" + "01"),
                Arguments.of("a data run of zero bytes", header + "02" + "00"),
                Arguments.of("a data run over the limit", header + "02" + "8180" + "40"), // 1 MiB + 1
                Arguments.of("more bytes than the target length", header + "02" + "0b" + "3031323334353637383930"),
                Arguments.of("END before the target length", header + "02" + "05" + "3031323334" + "00"),
                Arguments.of("input ending inside a data run", header + "02" + "0a" + "3031"),
                Arguments.of("input ending inside a copy", header + "01" + "00"),
                Arguments.of("no END", header + "02" + "0a" + "30313233343536373839"),
                Arguments.of("bytes after END", header + "02" + "0a" + "30313233343536373839" + "00" + "00"),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesAMalformedRecipe(String description, String hex) throws IOException {
        byte[] recipe = HexFormat.of().parseHex(hex);

        assertThatThrownBy(() -> Recipes.apply(dir, recipe, BASE, BASE_SHA))
                .isInstanceOfSatisfying(DeltaException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.MALFORMED))
                .hasMessageStartingWith("bad recipe: ");
    }

    @Test
    void theMalformedCasesDifferFromAValidRecipeOnlyWhereTheyClaim() throws IOException {
        String header = MAGIC_V1 + "f403" + BASE_SHA + "0a" + TextFiles.sha256("0123456789".getBytes(StandardCharsets.UTF_8));
        byte[] valid = HexFormat.of().parseHex(header + "02" + "0a" + "30313233343536373839" + "00");

        assertThat(Recipes.apply(dir, valid, BASE, BASE_SHA)).asString(StandardCharsets.UTF_8).isEqualTo("0123456789");
    }

    // ---- refused for what it would do

    @Test
    void aTargetOverTheLimitIsRefusedBeforeAnyOperationIsRead() throws IOException {
        byte[] recipe = Recipes.recipe(BASE, "0123456789".getBytes(StandardCharsets.UTF_8));
        Path base = Files.write(dir.resolve("base"), BASE);

        assertThatThrownBy(() -> RecipeApplier.apply(new ByteArrayInputStream(recipe), base, BASE_SHA,
                OutputStreamThatFails.INSTANCE, 9))
                .isInstanceOfSatisfying(DeltaException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.TOO_LARGE));
    }

    @Test
    void aRecipeForAnotherBaseIsRefused() throws IOException {
        byte[] recipe = Recipes.recipe(BASE, "0123456789".getBytes(StandardCharsets.UTF_8));
        byte[] otherBase = "other\n".repeat(100).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Recipes.apply(dir, recipe, otherBase, TextFiles.sha256(otherBase)))
                .isInstanceOfSatisfying(DeltaException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.BASE_MISMATCH))
                .hasMessageContaining(BASE_SHA);
    }

    @Test
    void aBaseFileOfAnotherLengthIsRefused() throws IOException {
        byte[] recipe = Recipes.recipe(BASE, BASE);
        byte[] shorter = java.util.Arrays.copyOf(BASE, 499);

        // the caller believes its file is still BASE, but it was cut: the length gives it away
        assertThatThrownBy(() -> Recipes.apply(dir, recipe, shorter, BASE_SHA))
                .isInstanceOfSatisfying(DeltaException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.BASE_MISMATCH));
    }

    @Test
    void aBaseFileChangedInPlaceGivesAResultMismatchNotAWrongFile() throws IOException {
        byte[] recipe = Recipes.recipe(BASE, BASE);
        byte[] changed = BASE.clone();
        changed[250] = 'X'; // same length, other content: only the result's hash can tell

        assertThatThrownBy(() -> Recipes.apply(dir, recipe, changed, BASE_SHA))
                .isInstanceOfSatisfying(DeltaException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.RESULT_MISMATCH));
    }

    @Test
    void aRecipeWhoseOperationsDoNotBuildTheDeclaredContentIsAResultMismatch() throws IOException {
        byte[] target = "0123456789".getBytes(StandardCharsets.UTF_8);
        String header = MAGIC_V1 + "f403" + BASE_SHA + "0a" + TextFiles.sha256(target);
        byte[] recipe = HexFormat.of().parseHex(header + "02" + "0a" + "39383736353433323130" + "00"); // reversed

        assertThatThrownBy(() -> Recipes.apply(dir, recipe, BASE, BASE_SHA))
                .isInstanceOfSatisfying(DeltaException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.RESULT_MISMATCH));
    }

    // ---- the writer checks the content it reads against what was inspected

    @Test
    void theWriterNoticesAFileThatChangedSinceItWasInspected() {
        byte[] target = new TextCorpus(6).prose(100_000);
        String sha = TextFiles.sha256(target);
        ChunkList base = ChunkList.EMPTY;

        assertThatThrownBy(() -> RecipeWriter.write(new ByteArrayInputStream(target), target.length, BASE_SHA, base,
                BASE_SHA, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(DeltaException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.CONTENT_CHANGED));
        assertThatThrownBy(() -> RecipeWriter.write(new ByteArrayInputStream(target), target.length + 1, sha, base,
                BASE_SHA, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(DeltaException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.CONTENT_CHANGED));
        assertThatThrownBy(() -> RecipeWriter.write(endless(), target.length, sha, base, BASE_SHA,
                new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(DeltaException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.CONTENT_CHANGED))
                .hasMessageContaining("grew");
    }

    @Test
    void theListWriterNoticesAFileOfAnotherLength() throws IOException {
        byte[] target = new TextCorpus(6).prose(100_000);
        Path file = Files.write(dir.resolve("target"), java.util.Arrays.copyOf(target, target.length - 1));

        try (var channel = Files.newByteChannel(file)) {
            assertThatThrownBy(() -> RecipeWriter.write(Recipes.chunks(target), TextFiles.sha256(target), channel,
                    Recipes.chunks(BASE), BASE_SHA, new ByteArrayOutputStream()))
                    .isInstanceOfSatisfying(DeltaException.class,
                            e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.CONTENT_CHANGED));
        }
    }

    @Test
    void aFileChangedInPlaceAfterItsInspectionGivesARecipeTheReceiverRefuses() throws IOException {
        byte[] base = new TextCorpus(7).prose(200_000);
        byte[] target = base.clone();
        target[10] = '#'; // the edit the chunk list knows about
        byte[] changedLater = target.clone();
        changedLater[150_000] = '#'; // an edit after the inspection, same length, in a chunk that is copied

        byte[] recipe = Recipes.recipeFromLists(dir, Recipes.chunks(base), TextFiles.sha256(base), target);
        byte[] stale;
        Path file = Files.write(dir.resolve("changed"), changedLater);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var channel = Files.newByteChannel(file)) {
            RecipeWriter.write(Recipes.chunks(target), TextFiles.sha256(target), channel, Recipes.chunks(base),
                    TextFiles.sha256(base), out);
        }
        stale = out.toByteArray();

        assertThat(Recipes.apply(dir, recipe, base, TextFiles.sha256(base))).isEqualTo(target);
        // the copied chunk comes from the receiver's base: the later edit does not travel, and the
        // result is exactly the inspected version, which is what the recipe promises
        assertThat(Recipes.apply(dir, stale, base, TextFiles.sha256(base))).isEqualTo(target);
        // an edit inside a chunk that travels as data breaks the promise: refused
        byte[] changedInData = target.clone();
        changedInData[11] = '%';
        Path other = Files.write(dir.resolve("changed2"), changedInData);
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        try (var channel = Files.newByteChannel(other)) {
            RecipeWriter.write(Recipes.chunks(target), TextFiles.sha256(target), channel, Recipes.chunks(base),
                    TextFiles.sha256(base), out2);
        }
        assertThatThrownBy(() -> Recipes.apply(dir, out2.toByteArray(), base, TextFiles.sha256(base)))
                .isInstanceOfSatisfying(DeltaException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeltaException.Reason.RESULT_MISMATCH));
    }

    @Test
    void theHeaderIsReadableOnItsOwn() throws IOException {
        byte[] target = "0123456789".getBytes(StandardCharsets.UTF_8);

        RecipeFormat.Header header = RecipeFormat.readHeader(new ByteArrayInputStream(Recipes.recipe(BASE, target)));

        assertThat(header).isEqualTo(new RecipeFormat.Header(500, BASE_SHA, 10, TextFiles.sha256(target)));
    }

    /** A file that keeps growing while it is read. */
    private static InputStream endless() {
        return new InputStream() {
            @Override
            public int read() {
                return 'a';
            }
        };
    }

    private static final class OutputStreamThatFails extends java.io.OutputStream {

        static final OutputStreamThatFails INSTANCE = new OutputStreamThatFails();

        @Override
        public void write(int b) {
            throw new AssertionError("nothing may be written");
        }
    }
}
