package riskmap.inspection;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.auth.Action;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.http.Auth;

/**
 * {@code POST|GET /api/hazards/{id}/inspections}, {@code GET /api/inspections/photos/{id}} and
 * {@code GET /api/hazards/{id}/timeline}. Recording needs the account action {@code inspect} in the
 * point's scope; reading needs a token whose scope covers the point (photos show people and
 * property). Refusals in order: 401/403 for the account, 404, 403 for the point's scope (before
 * the upload is read), 415 for a body that is not multipart/form-data, 400 for the fields, 413 or
 * 400 for a photo. A refused inspection writes nothing.
 */
public final class InspectionHandler {
    /** Photos one inspection may carry; with photo_max_kb it bounds the request body ({@link #maxBodyBytes}). */
    public static final int MAX_PHOTOS = 10;
    private static final String PHOTO_FIELD = "photo";
    private static final int MAX_FILE_NAME = 200;
    private final InspectionStore store;
    private final Clock clock;
    private final int photoMaxKb;

    public InspectionHandler(InspectionStore store, Clock clock, int photoMaxKb) {
        this.store = store;
        this.clock = clock;
        this.photoMaxKb = photoMaxKb;
    }

    /** The largest inspection form: {@link #MAX_PHOTOS} photos of {@code photoMaxKb} and 1 MB of fields. */
    public static long maxBodyBytes(int photoMaxKb) {
        return MAX_PHOTOS * photoMaxKb * 1024L + 1024L * 1024L;
    }

    /** Records an inspection with its photos → 201 with the stored inspection. */
    public void create(Context ctx) throws Exception {
        Caller caller = Auth.require(ctx, Action.INSPECT, "recording an inspection");
        String hazardId = ctx.pathParam("id");
        // the scope is judged before the upload is read, so a refused inspector's photos are never taken in
        requireInScope(caller, hazardId);
        if (!ctx.isMultipartFormData()) {
            throw new ApiException(415, "unsupported_media_type", "send the inspection as multipart/form-data (fields kind, result, findings, lon, lat,"
                    + " track; files photo), e.g. curl -F kind=in_flood -F result=normal -F lon=108.4 -F lat=30.8 -F photo=@crack.jpg");
        }
        InspectionInput in = InspectionInput.parse(ctx.formParamMap());
        List<Photo> photos = photos(ctx);
        Inspection stored = store.create(hazardId, in, photos, caller.name(), clock.instant(), code -> Auth.requireInScope(caller, code, "this hazard point's"));
        ctx.status(201).json(stored.toJson());
    }

    /** The point's inspections, oldest first. */
    public void list(Context ctx) throws Exception {
        String hazardId = ctx.pathParam("id");
        requireInScope(Auth.requireToken(ctx), hazardId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hazard_id", hazardId);
        body.put("inspections", store.list(hazardId).stream().map(Inspection::toJson).toList());
        ctx.json(body);
    }

    /** A photo's bytes as uploaded; the ETag is its SHA-256, so a cached copy is revalidated (and the caller re-checked) cheaply. */
    public void photo(Context ctx) throws Exception {
        Caller caller = Auth.requireToken(ctx);
        String id = ctx.pathParam("id");
        InspectionStore.PhotoFile p = store.photo(id).orElseThrow(() -> ApiException.notFound("no inspection photo " + id));
        Auth.requireInScope(caller, p.adminCode(), "this photo's hazard point's");
        String etag = "\"" + p.sha256() + "\"";
        ctx.header("ETag", etag).header("Cache-Control", "private, no-cache").header("X-Content-Type-Options", "nosniff");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.res().setCharacterEncoding(null); // an image has no charset; Jetty would add the default one
        ctx.res().setContentType(p.contentType());
        ctx.result(p.bytes());
    }

    /** Inspections, rectification steps and reviews of the point in time order. */
    public void timeline(Context ctx) throws Exception {
        String hazardId = ctx.pathParam("id");
        requireInScope(Auth.requireToken(ctx), hazardId);
        ctx.json(store.timeline(hazardId).toJson());
    }

    private void requireInScope(Caller caller, String hazardId) throws Exception {
        String code = store.adminCodeOf(hazardId).orElseThrow(() -> InspectionStore.noPoint(hazardId));
        Auth.requireInScope(caller, code, "this hazard point's");
    }

    /** The files under {@code photo}, each checked, in the order sent; {@code photo_sha256} fields, when sent, pair with them in order. */
    private List<Photo> photos(Context ctx) throws Exception {
        for (String field : ctx.uploadedFileMap().keySet()) {
            if (!field.equals(PHOTO_FIELD)) throw ApiException.invalidParameter(field, "is not a file field of an inspection; send each photo as a file field named photo");
        }
        List<UploadedFile> files = ctx.uploadedFiles(PHOTO_FIELD);
        if (files.size() > MAX_PHOTOS) {
            throw ApiException.invalidParameter(PHOTO_FIELD, files.size() + " photos sent; an inspection carries at most " + MAX_PHOTOS);
        }
        List<String> hashes = ctx.formParams("photo_sha256");
        if (!hashes.isEmpty() && hashes.size() != files.size()) {
            throw ApiException.invalidParameter("photo_sha256", hashes.size() + " hashes for " + files.size() + " photos; send one per photo, in the same order, or none");
        }
        List<Photo> photos = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            UploadedFile f = files.get(i);
            String name = f.filename() == null ? null : f.filename().substring(0, Math.min(f.filename().length(), MAX_FILE_NAME));
            String which = "photo " + (i + 1) + (name == null || name.isBlank() ? "" : " (" + name + ")");
            if (f.size() > photoMaxKb * 1024L) {
                throw new ApiException(413, "photo_too_large", which + " has " + f.size() + " bytes; the limit is " + photoMaxKb
                        + " KB (setting photo_max_kb): send it at a lower resolution");
            }
            String expected = hashes.isEmpty() || hashes.get(i).isBlank() ? null : hashes.get(i).strip();
            try (var in = f.content()) {
                photos.add(Photo.of(which, name, in.readAllBytes(), expected));
            }
        }
        return photos;
    }
}
