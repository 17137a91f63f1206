package riskmap.inspection;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * A small JPEG with an EXIF APP1 segment written byte by byte (big-endian TIFF), so the test knows
 * exactly what the photo says: DateTimeOriginal with OffsetTimeOriginal, and a GPS position given
 * as degrees, minutes, seconds.
 */
public final class ExifJpeg {
    private ExifJpeg() {
    }

    /** A JPEG of a few pixels, no metadata. */
    public static byte[] plain(int colour) throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) for (int y = 0; y < 16; y++) img.setRGB(x, y, colour + x * y);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /**
     * @param dateTime "yyyy:MM:dd HH:mm:ss" as EXIF writes it
     * @param offset   "+08:00"
     * @param latDms   {degrees, minutes, seconds} north
     * @param lonDms   {degrees, minutes, seconds} east
     */
    public static byte[] withExif(String dateTime, String offset, int[] latDms, int[] lonDms) throws IOException {
        byte[] jpeg = plain(0x336699);
        byte[] tiff = tiff(dateTime, offset, latDms, lonDms);
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length));
        app1.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(tiff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI, then APP1 first, as cameras write it
        out.write(app1.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] tiff(String dateTime, String offset, int[] latDms, int[] lonDms) {
        // layout: header 8 | IFD0 (2 entries) 30 | Exif IFD (2 entries) 30 | date 20 + offset 7 + pad 1 | GPS IFD (4 entries) 54 | lat 24 | lon 24
        int ifd0 = 8, exifIfd = ifd0 + 30, date = exifIfd + 30, zone = date + 20, gpsIfd = zone + 8, lat = gpsIfd + 54, lon = lat + 24;
        ByteBuffer b = ByteBuffer.allocate(lon + 24); // big-endian by default, as "MM" says
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
        b.position(ifd0);
        b.putShort((short) 2);
        entry(b, 0x8769, 4, 1, exifIfd); // ExifIFDPointer, LONG
        entry(b, 0x8825, 4, 1, gpsIfd); // GPSInfoIFDPointer, LONG
        b.putInt(0);
        b.position(exifIfd);
        b.putShort((short) 2);
        entry(b, 0x9003, 2, 20, date); // DateTimeOriginal, ASCII with its NUL
        entry(b, 0x9011, 2, 7, zone); // OffsetTimeOriginal, ASCII with its NUL
        b.putInt(0);
        b.position(date);
        b.put((dateTime + "\0").getBytes(StandardCharsets.US_ASCII));
        b.position(zone);
        b.put((offset + "\0").getBytes(StandardCharsets.US_ASCII));
        b.position(gpsIfd);
        b.putShort((short) 4);
        entry(b, 0x0001, 2, 2, 'N' << 24); // GPSLatitudeRef "N\0", inline
        entry(b, 0x0002, 5, 3, lat); // GPSLatitude, 3 RATIONALs
        entry(b, 0x0003, 2, 2, 'E' << 24); // GPSLongitudeRef "E\0", inline
        entry(b, 0x0004, 5, 3, lon);
        b.putInt(0);
        b.position(lat);
        for (int v : latDms) b.putInt(v).putInt(1);
        for (int v : lonDms) b.putInt(v).putInt(1);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int valueOrOffset) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(valueOrOffset);
    }
}
