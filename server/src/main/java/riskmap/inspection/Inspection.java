package riskmap.inspection;

import com.fasterxml.jackson.databind.util.RawValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One stored inspection with its photos' descriptions (their bytes are fetched by link). */
record Inspection(String id, String hazardId, String kind, String result, String findings, String inspector,
                  double lon, double lat, String trackGeoJson, Instant inspectedAt, List<StoredPhoto> photos) {

    /** A photo as listed: where to fetch it and what the server knows about it. */
    record StoredPhoto(String id, String fileName, String contentType, int sizeBytes, String sha256, Instant takenAt, Double lon, Double lat) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("href", "/api/inspections/photos/" + id);
            m.put("file_name", fileName);
            m.put("content_type", contentType);
            m.put("size_bytes", sizeBytes);
            m.put("sha256", sha256);
            m.put("taken_at", takenAt == null ? null : takenAt.toString());
            m.put("position", lon == null ? null : point(lon, lat));
            return m;
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("hazard_id", hazardId);
        m.put("kind", kind);
        m.put("result", result);
        m.put("findings", findings);
        m.put("inspector", inspector);
        m.put("position", point(lon, lat));
        m.put("track", trackGeoJson == null ? null : new RawValue(trackGeoJson));
        m.put("inspected_at", inspectedAt.toString());
        m.put("photos", photos.stream().map(StoredPhoto::toJson).toList());
        return m;
    }

    /** A GeoJSON Point, its members in the usual order. */
    static Map<String, Object> point(double lon, double lat) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "Point");
        m.put("coordinates", List.of(lon, lat));
        return m;
    }
}
