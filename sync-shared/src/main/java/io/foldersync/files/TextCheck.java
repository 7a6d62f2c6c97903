package io.foldersync.files;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The text rule (no NUL byte, valid UTF-8 throughout) fed piece by piece, so it can run inside
 * any pass that already reads the bytes: a scan, a delta apply, a receive. The pieces may split
 * a character anywhere; the verdict is the same as for the whole content at once.
 *
 * <p>Valid UTF-8 is exactly the byte sequences of Unicode's table 3-7 (the rule the JDK's
 * decoder applies in REPORT mode, which the tests check byte for byte): no overlong forms, no
 * encoded surrogates, nothing above U+10FFFF, no character cut off at the end. ASCII, the bulk
 * of most text, is checked eight bytes at a time.
 */
public final class TextCheck {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private static final long LOW_BITS = 0x0101_0101_0101_0101L;

    private boolean text = true;

    /** Continuation bytes still expected for the character under way. */
    private int pending;

    /** The range the next continuation byte must fall in (narrower after E0, ED, F0, F4). */
    private int low = 0x80;

    private int high = 0xBF;

    public void update(byte[] bytes, int offset, int length) {
        if (!text) {
            return;
        }
        int i = offset;
        int end = offset + length;
        int pending = this.pending;
        int low = this.low;
        int high = this.high;
        while (i < end) {
            if (pending == 0) {
                while (i + 8 <= end && plainAscii((long) LONGS.get(bytes, i))) {
                    i += 8;
                }
                if (i == end) {
                    break;
                }
                int b = bytes[i++] & 0xFF;
                if (b < 0x80) {
                    if (b == 0) {
                        text = false;
                        return;
                    }
                }
                else if (b < 0xC2) {
                    // a continuation byte with no lead, or C0/C1 (always overlong)
                    text = false;
                    return;
                }
                else if (b < 0xE0) {
                    pending = 1;
                }
                else if (b < 0xF0) {
                    pending = 2;
                    low = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
                    high = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
                }
                else if (b < 0xF5) {
                    pending = 3;
                    low = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
                    high = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be above U+10FFFF
                }
                else {
                    text = false;
                    return;
                }
            }
            else {
                int b = bytes[i++] & 0xFF;
                if (b < low || b > high) {
                    text = false;
                    return;
                }
                pending--;
                low = 0x80;
                high = 0xBF;
            }
        }
        this.pending = pending;
        this.low = low;
        this.high = high;
    }

    /** Eight bytes, none with the high bit set and none zero. */
    private static boolean plainAscii(long word) {
        return (word & HIGH_BITS) == 0 && ((word - LOW_BITS) & ~word & HIGH_BITS) == 0;
    }

    /** Whether everything fed so far is text, ignoring a character that may still be completed. */
    public boolean textSoFar() {
        return text;
    }

    /** The verdict for the whole content: a character cut off at the end is not text. */
    public boolean finish() {
        if (pending != 0) {
            text = false;
        }
        return text;
    }

    public static boolean isText(byte[] content) {
        TextCheck check = new TextCheck();
        check.update(content, 0, content.length);
        return check.finish();
    }
}
