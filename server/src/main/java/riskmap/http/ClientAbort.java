package riskmap.http;

import io.javalin.http.Context;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A download the client cancels (a GIS tool stopping a layer, a closed tab) is the client's choice,
 * not our failure. Javalin maps a write to a closed socket to status 500 before any exception
 * handler sees it, so the failed write is noticed here, at the response stream: the request is
 * marked, the access log shows "aborted" instead of 500, and one INFO line without a stack trace says so.
 */
public final class ClientAbort extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAbort.class);
    private static final String ATTRIBUTE = "riskmap.clientAbort";

    /** The status for the access log: "aborted" for a cancelled download, else the status code. */
    public static String status(Context ctx) {
        return ctx.req().getAttribute(ATTRIBUTE) != null ? "aborted" : Integer.toString(ctx.statusCode());
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
        String accept = req.getHeader("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            // An event stream is not a download (its end is always the client's), and Javalin's SSE
            // stops delivering events through a wrapped response once the handler has returned.
            chain.doFilter(req, res);
            return;
        }
        chain.doFilter(req, new HttpServletResponseWrapper(res) {
            private ServletOutputStream out;

            @Override
            public ServletOutputStream getOutputStream() throws IOException {
                if (out == null) out = watched(super.getOutputStream(), req);
                return out;
            }
        });
        if (req.getAttribute(ATTRIBUTE) != null) {
            LOG.info("{} {}: client closed the connection before the response was complete", req.getMethod(), req.getRequestURI());
        }
    }

    private static ServletOutputStream watched(ServletOutputStream s, HttpServletRequest req) {
        return new ServletOutputStream() {
            @Override
            public void write(int b) throws IOException {
                run(() -> s.write(b));
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                run(() -> s.write(b, off, len));
            }

            @Override
            public void flush() throws IOException {
                run(s::flush);
            }

            @Override
            public void close() throws IOException {
                run(s::close);
            }

            @Override
            public boolean isReady() {
                return s.isReady();
            }

            @Override
            public void setWriteListener(WriteListener l) {
                s.setWriteListener(l);
            }

            private void run(Io io) throws IOException {
                try {
                    io.run();
                } catch (IOException e) {
                    if (ErrorMapper.isClientAbort(e)) req.setAttribute(ATTRIBUTE, Boolean.TRUE);
                    throw e;
                }
            }
        };
    }

    private interface Io {
        void run() throws IOException;
    }
}
