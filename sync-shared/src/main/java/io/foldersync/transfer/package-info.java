/**
 * How a file's content travels once both sides agreed the features for it: as a delta recipe
 * against the receiver's base ({@code delta}), compressed ({@code zstd}), or as it is. The
 * {@link io.foldersync.transfer.Encoder} picks the form on the sending side, the
 * {@link io.foldersync.transfer.Decoder} turns it back into the file while it is staged on the
 * receiving side; the whole file's SHA-256 is checked in every case, so a delta that does not fit
 * the receiver's file is a fallback to the whole file, never a wrong file. The algorithms
 * themselves live in {@code io.foldersync.delta} and {@code io.foldersync.compression}.
 */
package io.foldersync.transfer;
