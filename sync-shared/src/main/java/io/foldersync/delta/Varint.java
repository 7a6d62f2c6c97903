package io.foldersync.delta;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Unsigned LEB128 integers (7 bits a byte, low bits first, high bit = more follows), the length
 * encoding of chunk lists and recipes. Only the shortest form of a value in 0..2^63-1 is accepted,
 * so every value has exactly one encoding and a golden test can pin it.
 */
final class Varint {

    /** 63 bits need at most 9 bytes. */
    static final int MAX_BYTES = 9;

    private Varint() {
    }

    static void write(OutputStream out, long value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("varint of a negative value: " + value);
        }
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    static int size(long value) {
        int bytes = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            bytes++;
        }
        return bytes;
    }

    /** Reads one value; {@code what} names it in the error ("chunk length"). */
    static long read(InputStream in, String what) throws IOException {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int b = in.read();
            if (b < 0) {
                throw new DeltaException(DeltaException.Reason.MALFORMED, "input ends inside the " + what);
            }
            if (i == MAX_BYTES - 1 && (b & 0x80) != 0) {
                throw new DeltaException(DeltaException.Reason.MALFORMED, what + " is longer than " + MAX_BYTES + " bytes");
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new DeltaException(DeltaException.Reason.MALFORMED, what + " is not in its shortest form");
                }
                return value;
            }
        }
        throw new IllegalStateException("unreachable: the loop returns or throws");
    }
}
