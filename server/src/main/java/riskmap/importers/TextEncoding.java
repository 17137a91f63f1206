package riskmap.importers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Picks the encoding of a text file: UTF-8 (with or without a byte-order mark), or GB18030 — the
 * superset of GBK and GB2312 that Chinese Excel writes as "CSV" — when the first 64 KB are not
 * valid UTF-8. Real GBK text is almost never valid UTF-8, so the guess is safe in that direction;
 * pure ASCII decodes the same either way.
 */
public final class TextEncoding {
    static final int SAMPLE = 64 * 1024;
    public static final Charset GB18030 = Charset.forName("GB18030");

    private TextEncoding() {
    }

    /** Reads past a UTF-8 BOM if there is one and returns the charset to decode the rest with. */
    public static Charset detect(BufferedInputStream in) throws IOException {
        in.mark(SAMPLE + 8);
        byte[] sample = in.readNBytes(SAMPLE);
        in.reset();
        refuseUtf16(sample);
        if (sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) {
            in.skipNBytes(3);
            return StandardCharsets.UTF_8;
        }
        return isUtf8(sample, sample.length < SAMPLE) ? StandardCharsets.UTF_8 : GB18030;
    }

    /** Skips a UTF-8 BOM when the caller chose UTF-8 itself; refuses one that contradicts the encoding named. */
    public static void skipBom(BufferedInputStream in, Charset cs) throws IOException {
        in.mark(4);
        byte[] b = in.readNBytes(3);
        if (!(b.length == 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF)) {
            in.reset();
        } else if (!cs.equals(StandardCharsets.UTF_8)) {
            throw new ImportException("the file starts with a UTF-8 byte-order mark but encoding=" + cs.name()
                    + " was given; leave encoding out (UTF-8 is detected) or give encoding=UTF-8");
        }
    }

    /** A UTF-16 file (Excel's "Unicode text") would be read as garbage: refused, with what to save instead. */
    static void refuseUtf16(byte[] start) {
        if (start.length >= 2 && ((start[0] & 0xff) == 0xFF && (start[1] & 0xff) == 0xFE || (start[0] & 0xff) == 0xFE && (start[1] & 0xff) == 0xFF)) {
            throw new ImportException("the file is UTF-16 (it starts with the byte-order mark " + String.format("%02X %02X", start[0], start[1])
                    + "); save it as \"CSV UTF-8\" or GBK and import that");
        }
    }

    /** Strict UTF-8 check; a character cut off by the end of a partial sample does not count against it. */
    static boolean isUtf8(byte[] bytes, boolean complete) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        return !d.decode(ByteBuffer.wrap(bytes), out, complete).isError();
    }

    public static Charset named(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        if (n.equals("GBK") || n.equals("GB2312") || n.equals("GB18030") || n.equals("CP936")) return GB18030;
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            // IllegalCharsetNameException for a name such as \' or one with a BOM, UnsupportedCharsetException for an unknown one
            String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
            throw new ImportException("unknown encoding '" + shown.replace("\uFEFF", "\\uFEFF") + "'; use UTF-8 or GBK (or leave encoding out: both are detected)");
        }
    }
}
