package riskmap.inspection;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import riskmap.domain.ApiException;

/**
 * One uploaded photo, checked: its type from the bytes (JPEG or PNG, whatever the client claimed),
 * its SHA-256 computed here (and compared with the client's, when it sent one), and its EXIF.
 */
record Photo(String fileName, String contentType, byte[] bytes, String sha256, PhotoExif exif) {

    /**
     * @param which    "photo 2 (crack.jpg)", for the messages
     * @param expected the SHA-256 the client computed (hex), or null
     */
    static Photo of(String which, String fileName, byte[] bytes, String expected) {
        String type = contentType(bytes);
        if (type == null) {
            throw ApiException.invalidParameter("photo", which + " is neither JPEG nor PNG (judged from its first bytes); send the camera's JPEG or a PNG");
        }
        String sha256 = sha256(bytes);
        if (expected != null && !expected.equalsIgnoreCase(sha256)) {
            throw ApiException.invalidParameter("photo_sha256", which + " arrived with SHA-256 " + sha256 + ", not the " + expected
                    + " that was sent with it: the upload was damaged on the way; send it again");
        }
        return new Photo(fileName, type, bytes, sha256, PhotoExif.read(bytes));
    }

    /** image/jpeg or image/png from the magic numbers, null for anything else. */
    static String contentType(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) return "image/jpeg";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (b.length < png.length) return null;
        for (int i = 0; i < png.length; i++) {
            if (b[i] != png[i]) return null;
        }
        return "image/png";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
