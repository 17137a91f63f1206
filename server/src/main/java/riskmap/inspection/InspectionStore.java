package riskmap.inspection;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import riskmap.domain.ApiException;
import riskmap.edit.FeatureSchema;
import riskmap.store.EditStore;
import riskmap.store.Sql;

/**
 * Inspections, their photos and the point's timeline in PostgreSQL, all SQL of the workflow in one
 * place. An inspection and its photos are written in one transaction that first checks the point's
 * scope, so a refused one leaves no row and no photo, together with the point's change-history entry. "now" comes from the caller (the App's clock).
 */
public final class InspectionStore {
    private static final String POINT = "SELECT admin_code FROM hazard_point WHERE id = ?";
    private static final String POINT_LOCKED = POINT + " FOR SHARE";
    private static final String INSERT = "INSERT INTO inspection (hazard_id, kind, result, findings, inspector, position, track, inspected_at)"
            + " VALUES (?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)), ?) RETURNING id";
    private static final String INSERT_PHOTO = "INSERT INTO inspection_photo (inspection_id, seq, file_name, content_type, size_bytes, sha256, taken_at, position, data)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, CASE WHEN ?::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(?, ?), 4326) END, ?)";
    private static final String OF_POINT = "SELECT id, hazard_id, kind, result, findings, inspector, ST_X(position), ST_Y(position), ST_AsGeoJSON(track, 7), inspected_at"
            + " FROM inspection WHERE hazard_id = ? ORDER BY inspected_at, id";
    private static final String PHOTOS_OF_POINT = "SELECT p.inspection_id, p.id, p.file_name, p.content_type, p.size_bytes, p.sha256, p.taken_at, ST_X(p.position), ST_Y(p.position)"
            + " FROM inspection_photo p JOIN inspection i ON i.id = p.inspection_id WHERE i.hazard_id = ? ORDER BY p.inspection_id, p.seq";
    private static final String PHOTO = "SELECT h.admin_code, p.content_type, p.sha256, p.data FROM inspection_photo p"
            + " JOIN inspection i ON i.id = p.inspection_id JOIN hazard_point h ON h.id = i.hazard_id WHERE p.id = ?";
    // the point's change history gets the inspection as written, photos by id and SHA-256 (never their bytes)
    private static final String HISTORY_INSERT = "INSERT INTO change_history (collection, feature_id, action, actor, new_value)"
            + " SELECT ?, i.hazard_id, ?, i.inspector, jsonb_build_object('inspection', jsonb_build_object('id', i.id, 'kind', i.kind,"
            + " 'result', i.result, 'findings', i.findings, 'position', ST_AsGeoJSON(i.position, 7)::jsonb, 'inspected_at', i.inspected_at,"
            + " 'photos', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'sha256', p.sha256) ORDER BY p.seq), '[]'::jsonb)"
            + " FROM inspection_photo p WHERE p.inspection_id = i.id)))"
            + " FROM inspection i WHERE i.id = ?";
    // the rectification workflow's steps of this point, for its timeline
    private static final String STEPS_OF_POINT = "SELECT s.rectification_id, s.seq, s.action, s.from_state, s.to_state, s.actor, s.opinion, s.reason, s.deadline, s.at"
            + " FROM rectification_step s JOIN rectification r ON r.id = s.rectification_id WHERE r.hazard_id = ? ORDER BY s.at, s.rectification_id, s.seq";

    private final DataSource ds;

    public InspectionStore(DataSource ds) {
        this.ds = ds;
    }

    /** A photo's bytes with what a fetch needs to check and label them. */
    record PhotoFile(String adminCode, String contentType, String sha256, byte[] bytes) {
    }

    /** One rectification step as the timeline shows it. */
    record Step(String rectificationId, int seq, String action, String from, String to, String actor, String opinion, String reason,
                Instant deadline, Instant at) {
    }

    /** The admin code of the point, empty when there is no such point. */
    Optional<String> adminCodeOf(String hazardId) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return adminCode(c, POINT, hazardId);
        }
    }

    /** Records {@code in} and its photos on the point; {@code scope} refuses a point outside the inspector's scope before anything is written. */
    Inspection create(String hazardId, InspectionInput in, List<Photo> photos, String inspector, Instant now, Consumer<String> scope)
            throws SQLException, IOException {
        return Sql.inWriteTransaction(ds, c -> {
            scope.accept(adminCode(c, POINT_LOCKED, hazardId).orElseThrow(() -> noPoint(hazardId)));
            String id;
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, hazardId);
                ps.setString(2, in.kind().id());
                ps.setString(3, in.result().id());
                ps.setString(4, in.findings());
                ps.setString(5, inspector);
                ps.setDouble(6, in.lon());
                ps.setDouble(7, in.lat());
                ps.setString(8, in.trackGeoJson());
                ps.setObject(9, utc(now));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getString(1);
                }
            }
            insertPhotos(c, id, photos);
            try (PreparedStatement ps = c.prepareStatement(HISTORY_INSERT)) {
                ps.setString(1, FeatureSchema.HAZARDS.id());
                ps.setString(2, EditStore.INSPECT);
                ps.setString(3, id);
                ps.executeUpdate();
            }
            return inspections(c, hazardId).stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
        });
    }

    private static void insertPhotos(Connection c, String inspectionId, List<Photo> photos) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_PHOTO)) {
            for (int i = 0; i < photos.size(); i++) {
                Photo p = photos.get(i);
                ps.setString(1, inspectionId);
                ps.setInt(2, i + 1);
                ps.setString(3, p.fileName());
                ps.setString(4, p.contentType());
                ps.setInt(5, p.bytes().length);
                ps.setString(6, p.sha256());
                ps.setObject(7, p.exif().takenAt() == null ? null : utc(p.exif().takenAt()));
                ps.setObject(8, p.exif().lon(), java.sql.Types.DOUBLE);
                ps.setObject(9, p.exif().lon(), java.sql.Types.DOUBLE);
                ps.setObject(10, p.exif().lat(), java.sql.Types.DOUBLE);
                ps.setBytes(11, p.bytes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The point's inspections, oldest first; 404 when there is no such point. */
    List<Inspection> list(String hazardId) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return inspections(c, hazardId);
        }
    }

    Optional<PhotoFile> photo(String id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(PHOTO)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new PhotoFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
            }
        }
    }

    /** The point's inspections and rectification steps, read on one snapshot so they agree. */
    Timeline timeline(String hazardId) throws SQLException, IOException {
        List<Inspection> inspections = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        Sql.inSnapshot(ds, c -> {
            inspections.addAll(inspections(c, hazardId));
            steps.addAll(steps(c, hazardId));
        });
        return new Timeline(hazardId, inspections, steps);
    }

    private static List<Inspection> inspections(Connection c, String hazardId) throws SQLException {
        Map<String, List<Inspection.StoredPhoto>> photos = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(PHOTOS_OF_POINT)) {
            ps.setString(1, hazardId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    photos.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Inspection.StoredPhoto(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getString(6), instant(rs, 7), (Double) rs.getObject(8), (Double) rs.getObject(9)));
                }
            }
        }
        List<Inspection> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(OF_POINT)) {
            ps.setString(1, hazardId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.add(new Inspection(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getDouble(7), rs.getDouble(8), rs.getString(9), instant(rs, 10), photos.getOrDefault(id, List.of())));
                }
            }
        }
        return out;
    }

    private static List<Step> steps(Connection c, String hazardId) throws SQLException {
        List<Step> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(STEPS_OF_POINT)) {
            ps.setString(1, hazardId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Step(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10)));
                }
            }
        }
        return out;
    }

    /** A point without a code gives "", which only the whole-country scope covers. */
    private static Optional<String> adminCode(Connection c, String sql, String hazardId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hazardId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)).or(() -> Optional.of("")) : Optional.empty();
            }
        }
    }

    static ApiException noPoint(String hazardId) {
        return ApiException.notFound("no hazard point " + hazardId);
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
