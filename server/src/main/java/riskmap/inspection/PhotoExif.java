package riskmap.inspection;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

/**
 * When and where a photo was taken, from its EXIF, when it carries them.
 *
 * <p>The time is DateTimeOriginal with its OffsetTimeOriginal when the camera wrote one; else the
 * GPS date and time (always UTC); else DateTimeOriginal read as China Standard Time (+08:00), the
 * one zone the phones this serves are set to. The position is the GPS latitude and longitude.
 * Unreadable or absent metadata leaves both null: the photo is still kept.
 *
 * @param takenAt null when the photo says nothing
 * @param lon     null when the photo has no GPS position
 */
record PhotoExif(Instant takenAt, Double lon, Double lat) {
    static final PhotoExif NONE = new PhotoExif(null, null, null);
    private static final TimeZone CHINA = TimeZone.getTimeZone("Asia/Shanghai");

    static PhotoExif read(byte[] image) {
        Metadata m;
        try {
            m = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image), image.length);
        } catch (ImageProcessingException | IOException e) {
            return NONE;
        }
        ExifSubIFDDirectory exif = m.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        GpsDirectory gps = m.getFirstDirectoryOfType(GpsDirectory.class);
        GeoLocation where = gps == null ? null : gps.getGeoLocation();
        boolean placed = where != null && !where.isZero();
        return new PhotoExif(takenAt(exif, gps), placed ? where.getLongitude() : null, placed ? where.getLatitude() : null);
    }

    private static Instant takenAt(ExifSubIFDDirectory exif, GpsDirectory gps) {
        if (exif != null && exif.containsTag(ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL)) return instant(exif.getDateOriginal());
        Date gpsDate = gps == null ? null : gps.getGpsDate();
        if (gpsDate != null) return gpsDate.toInstant();
        return exif == null ? null : instant(exif.getDateOriginal(CHINA));
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
