package riskmap.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * HEAD answers exactly as GET would, without the body (RFC 9110 §9.3.2).
 *
 * <p>Javalin answers HEAD on a GET route with an empty 200 without running the handler, even for
 * an unknown collection, which misleads GDAL's {@code /vsicurl/} and caches. Routing HEAD as GET
 * runs the real handler — status, Content-Type, ETag, errors — and Jetty, which still sees the
 * request as HEAD, sends the headers and drops the body.
 */
public final class HeadAsGet extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!"HEAD".equals(req.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(req) {
            @Override
            public String getMethod() {
                return "GET";
            }
        }, res);
    }
}
