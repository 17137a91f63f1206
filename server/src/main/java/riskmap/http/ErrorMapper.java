package riskmap.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.domain.ApiException;

/**
 * Turns every failure into {@code {"error","detail"}} with the right status, in one place.
 *
 * <p>Refused requests ({@link ApiException}) say what was wrong. Unexpected failures are logged
 * with a stack trace and an id; the client gets only the id, never internals, unless
 * {@link ClientInputFailures} recognises a library's failure as the client's mistake. When the database
 * cannot be reached the answer is 503. A failure after the first byte of a streamed response
 * cannot change the status any more: the connection is cut so the client sees a truncated
 * document, never a complete-looking one. Requests Jetty cannot even parse never reach Javalin:
 * {@link #jettyErrors()} answers those in the same shape.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            write(ctx, e.status(), e.code(), e.detail(), e.extra());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), codeFor(e.getStatus()), detailFor(e)));
        app.exception(Exception.class, ErrorMapper::unexpected);
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                write(ctx, 404, "not_found", "no resource at " + ctx.path() + "; the API starts at /ogc and /api (see /ogc/api)");
            }
        });
    }

    /**
     * For Jetty's server: a request it refuses before any handler runs (a '%' without two hex digits, a
     * control character, headers over its limit) gets {@code {"error","detail"}} instead of Jetty's HTML page.
     */
    public static ErrorHandler jettyErrors() {
        return new ErrorHandler() {
            @Override
            public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
                ClientInputFailures.Refusal r = ClientInputFailures.badMessage(status, reason);
                fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                return ByteBuffer.wrap(document(r.code(), r.detail(), Map.of()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        };
    }

    private static void unexpected(Exception e, Context ctx) {
        if (isClientAbort(e)) {
            // the client cancelled (a GIS tool stopping a download, a closed tab): not our failure, and ClientAbort logs it
            return;
        }
        if (ctx.res().isCommitted()) {
            LOG.error("{} {} failed after the response started; connection cut", ctx.method(), ctx.path(), e);
            // no final chunk and a closed connection: the client's parser sees the cut. Throwing from
            // here instead would hand the failure back to this mapper, again and again.
            Request.getBaseRequest(ctx.req()).getHttpChannel().abort(e);
            return;
        }
        Optional<ClientInputFailures.Refusal> refusal = ClientInputFailures.of(e, ctx.req().getRequestURI());
        if (refusal.isPresent()) {
            write(ctx, refusal.get().status(), refusal.get().code(), refusal.get().detail());
            return;
        }
        if (isDatabaseDown(e)) {
            databaseUnavailable(ctx, e);
            return;
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("{} {} failed, error id {}", ctx.method(), ctx.path(), id, e);
        write(ctx, 500, "internal_error", "internal error (see the server log, error id " + id + ")");
    }

    /**
     * Jetty reports a peer that went away as an EofException or a closed channel. Not any
     * EOFException: pgjdbc reports a database that went away with one too, and that is ours (503).
     */
    static boolean isClientAbort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) return false;
            if (t instanceof org.eclipse.jetty.io.EofException || t instanceof java.nio.channels.ClosedChannelException) return true;
        }
        return false;
    }

    /** Connection failures (SQLState class 08) and a server shutting down or restarting (57P01..57P03). */
    static boolean isDatabaseDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
            if (t instanceof SQLException s && s.getSQLState() != null && (s.getSQLState().startsWith("08") || isRestarting(s))) return true;
        }
        return false;
    }

    /** 57P01..57P03: the server is shutting down, restarting or not yet accepting connections. */
    private static boolean isRestarting(SQLException s) {
        return s.getSQLState() != null && s.getSQLState().matches("57P0[123]");
    }

    /** 503 database_unavailable, saying whether the database is away or only busy. */
    /** Readiness of a server whose database lacks its schema: 503, as a load balancer needs it. */
    static void schemaNotMigrated(Context ctx, String detail) {
        write(ctx, 503, "schema_not_migrated", detail);
    }

    static void databaseUnavailable(Context ctx, Throwable e) {
        LOG.warn("{} {}: database unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
        write(ctx, 503, "database_unavailable", unavailableDetail(e));
    }

    /**
     * Hikari's connection wait timeout carries the pool's last failure to open a connection as its
     * cause, or none when it opened its last one fine: then the database is up and every pooled
     * connection is in use by other requests. Anything else means it cannot be reached, or is
     * shutting down or starting (57P01..57P03).
     */
    static String unavailableDetail(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException && t.getCause() == null) {
                return "the database is up but every connection to it is busy with other requests; try again shortly";
            }
            if (t instanceof SQLException s && isRestarting(s)) {
                return "the database is shutting down or starting up; try again shortly";
            }
        }
        return "the database is not answering; try again shortly";
    }

    public static void write(Context ctx, int status, String code, String detail) {
        write(ctx, status, code, detail, Map.of());
    }

    private static void write(Context ctx, int status, String code, String detail, Map<String, Object> extra) {
        // a streamed answer that failed before its first byte left the network may have buffered its
        // opening (a FeatureCollection's header): drop it, so the body is the error document alone
        if (!ctx.res().isCommitted()) ctx.res().resetBuffer();
        ctx.status(status).contentType("application/json; charset=utf-8").result(document(code, detail, extra));
    }

    private static String document(String code, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("detail", detail);
        body.putAll(extra);
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            return "{\"error\":\"internal_error\",\"detail\":\"error body could not be written\"}";
        }
    }

    /** Javalin's own messages, made to say how to fix the request. */
    private static String detailFor(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> e.getMessage() + "; the API starts at /ogc and /api (see /ogc/api)";
            default -> e.getMessage();
        };
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
    }
}
