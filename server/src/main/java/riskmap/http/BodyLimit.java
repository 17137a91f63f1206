package riskmap.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Caps every request body before it is read: {@code max_body_mb} for the JSON endpoints,
 * {@code max_import_mb} for the uploads that are read as a stream. A Content-Length over the
 * limit is refused at the first read, before any byte is taken; a chunked body is counted while
 * it streams, so an import stays flat in memory and stops at the limit. The refusal is a
 * {@link TooLarge} that {@link ClientInputFailures} answers with 413 {@code body_too_large}.
 * Javalin's own fixed 1 MB check is switched off (App), so this is the only limit.
 */
public final class BodyLimit extends HttpFilter {
    private static final long MB = 1024L * 1024L;
    /** Routes (Routes.java) that stream their upload into a reader instead of holding it whole. */
    private static final Set<String> STREAMED = Set.of("/api/import", "/api/people/import");

    private final int maxBodyMb;
    private final int maxImportMb;

    public BodyLimit(int maxBodyMb, int maxImportMb) {
        this.maxBodyMb = maxBodyMb;
        this.maxImportMb = maxImportMb;
    }

    /** A body over its endpoint's limit; the message names the limit and the setting that raises it. */
    public static final class TooLarge extends IOException {
        TooLarge(String detail) {
            super(detail);
        }
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
        boolean streamed = STREAMED.contains(req.getRequestURI().replaceAll("/+$", ""));
        String detail = streamed
                ? "the upload is larger than the server reads: the limit is " + maxImportMb + " MB (setting max_import_mb); split the file into smaller ones"
                : "the body is larger than the server reads: the limit is " + maxBodyMb + " MB (setting max_body_mb); simplify the area, or load bulk data with POST /api/import";
        long limit = (streamed ? maxImportMb : maxBodyMb) * MB;
        chain.doFilter(new HttpServletRequestWrapper(req) {
            private ServletInputStream counted;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (counted == null) counted = new Counted(req.getInputStream(), req.getContentLengthLong(), limit, detail);
                return counted;
            }
        }, res);
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
