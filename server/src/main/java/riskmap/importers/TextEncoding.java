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
        if (sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) {
            in.skipNBytes(3);
            return StandardCharsets.UTF_8;
        }
        return isUtf8(sample, sample.length < SAMPLE) ? StandardCharsets.UTF_8 : GB18030;
    }

    /** Skips a UTF-8 BOM when the caller chose the encoding itself. */
    public static void skipBom(BufferedInputStream in, Charset cs) throws IOException {
        if (!cs.equals(StandardCharsets.UTF_8)) return;
        in.mark(4);
        byte[] b = in.readNBytes(3);
        if (!(b.length == 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF)) in.reset();
    }

    /** Strict UTF-8 check; a character cut off by the end of a partial sample does not count against it. */
    static boolean isUtf8(byte[] bytes, boolean complete) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        return !d.decode(ByteBuffer.wrap(bytes), out, complete).isError();
    }

    public static Charset named(String name) {
        String n = name.trim().toUpperCase();
        if (n.equals("GBK") || n.equals("GB2312") || n.equals("GB18030") || n.equals("CP936")) return GB18030;
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            throw new ImportException("unknown encoding '" + name + "'; use UTF-8 or GBK");
        }
    }
}
