package riskmap.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;
import riskmap.inspection.InspectionHandler;

/**
 * Caps every request body before it is read: {@code max_body_mb} for the JSON endpoints,
 * {@code max_import_mb} for the uploads that are read as a stream, and for an inspection's
 * multipart form its photos ({@link InspectionHandler#MAX_PHOTOS} of {@code photo_max_kb}) plus 1 MB
 * of fields. Jetty parses multipart forms from its own stream, not this filter's, so for those
 * the declared length is checked when the parts are asked for and Jetty is given the limit for a
 * chunked form (its refusal becomes the same {@link TooLarge}). A Content-Length over the
 * limit is refused at the first read, before any byte is taken; a chunked body is counted while
 * it streams, so an import stays flat in memory and stops at the limit. The refusal is a
 * {@link TooLarge} that {@link ClientInputFailures} answers with 413 {@code body_too_large}.
 * Javalin's own fixed 1 MB check is switched off (App), so this is the only limit.
 */
public final class BodyLimit extends HttpFilter {
    private static final long MB = 1024L * 1024L;
    /** Routes (Routes.java) that stream their upload into a reader instead of holding it whole. */
    private static final Set<String> STREAMED = Set.of("/api/import", "/api/people/import");

    private static final Pattern INSPECTIONS = Pattern.compile("/api/hazards/[^/]+/inspections");
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");
    /** Where Jetty looks for a multipart form's limits. */
    static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";

    private final int maxBodyMb;
    private final int maxImportMb;
    private final int photoMaxKb;

    public BodyLimit(int maxBodyMb, int maxImportMb, int photoMaxKb) {
        this.maxBodyMb = maxBodyMb;
        this.maxImportMb = maxImportMb;
        this.photoMaxKb = photoMaxKb;
    }

    /** A body over its endpoint's limit; the message names the limit and the setting that raises it. */
    public static final class TooLarge extends IOException {
        TooLarge(String detail) {
            super(detail);
        }
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
        String path = TRAILING_SLASHES.matcher(req.getRequestURI()).replaceAll("");
        boolean streamed = STREAMED.contains(path);
        boolean inspection = INSPECTIONS.matcher(path).matches();
        long limit;
        String detail;
        if (inspection) {
            limit = InspectionHandler.maxBodyBytes(photoMaxKb);
            detail = "the inspection is larger than the server reads: the limit is " + limit / MB + " MB (" + InspectionHandler.MAX_PHOTOS
                    + " photos of photo_max_kb=" + photoMaxKb + " KB and 1 MB of fields); send fewer or smaller photos";
            // spooled to disk past 1 MB, so a large form never sits whole in memory
            req.setAttribute(MULTIPART_CONFIG, new MultipartConfigElement(System.getProperty("java.io.tmpdir"), -1, limit, (int) MB));
        } else {
            limit = (streamed ? maxImportMb : maxBodyMb) * MB;
            detail = streamed
                    ? "the upload is larger than the server reads: the limit is " + maxImportMb + " MB (setting max_import_mb); split the file into smaller ones"
                    : "the body is larger than the server reads: the limit is " + maxBodyMb + " MB (setting max_body_mb); simplify the area, or load bulk data with POST /api/import";
        }
        chain.doFilter(new HttpServletRequestWrapper(req) {
            private ServletInputStream counted;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (counted == null) counted = new Counted(req.getInputStream(), req.getContentLengthLong(), limit, detail);
                return counted;
            }

            @Override
            public Collection<Part> getParts() throws IOException, ServletException {
                if (req.getContentLengthLong() > limit) throw new TooLarge(detail);
                try {
                    return super.getParts();
                } catch (IllegalStateException e) {
                    throw multipartRefusal(e, detail);
                }
            }

            @Override
            public Part getPart(String name) throws IOException, ServletException {
                getParts(); // the same checks; Jetty parses the whole form once either way
                return super.getPart(name);
            }
        }, res);
    }

    /** Jetty's refusal of a chunked form past the multipart maxRequestSize, as the same TooLarge; anything else as it was. */
    private static RuntimeException multipartRefusal(IllegalStateException e, String detail) throws TooLarge {
        if (e.getMessage() != null && e.getMessage().startsWith("Request exceeds maxRequestSize")) throw new TooLarge(detail);
        return e;
    }

    /** Counts the bytes read and refuses the read that would go past the limit. */
    private static final class Counted extends ServletInputStream {
        private final ServletInputStream in;
        private final long declared;
        private final long limit;
        private final String detail;
        private long read;

        Counted(ServletInputStream in, long declared, long limit, String detail) {
            this.in = in;
            this.declared = declared;
            this.limit = limit;
            this.detail = detail;
        }

        @Override
        public int read() throws IOException {
            check(0);
            int b = in.read();
            if (b >= 0) check(++read);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            check(0);
            int n = in.read(buf, off, len);
            if (n > 0) check(read += n);
            return n;
        }

        private void check(long sofar) throws TooLarge {
            if (declared > limit || sofar > limit) throw new TooLarge(detail);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
