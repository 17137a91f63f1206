package riskmap.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import riskmap.auth.Action;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.http.Auth;
import riskmap.http.ErrorMapper;
import riskmap.http.Json;

/**
 * Answers: {@code GET /ack/{token}} (the phone page), {@code POST /ack/{token}} (a form from that
 * page, or JSON {@code {"answer","note"}}), and the duty desk's
 * {@code POST /api/warnings/{id}/targets/{personId}/answer}.
 *
 * <p>A link answers without an account: the token is the credential. A malformed, unknown or
 * spent link gets 404/410 with {@code {"error","detail"}} (or the Chinese page for a browser) and
 * nothing about the warning. Answer pages are never cached and send no referrer, since the URL is
 * the credential.
 */
public final class AckHandler {
    static final int MAX_NOTE = 1000;
    private final AckStore store;

    public AckHandler(AckStore store) {
        this.store = store;
    }

    /** {@code GET /ack/{token}}: the page with the three buttons, or the refusal page. */
    public void page(Context ctx) throws Exception {
        noStore(ctx);
        String token = ctx.pathParam("token");
        AckStore.Link link = store.link(token).orElse(null);
        if (link == null || !link.open()) {
            refuse(ctx, link == null ? AckStore.invalidLink() : AckStore.linkUsed());
            return;
        }
        // A cancelled or expired warning is named with what happened, and no buttons: nothing can be recorded (AckStore.requireOpen).
        String page = link.closed() == null ? AckPage.form(link, token) : AckPage.closed(link);
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    /** {@code POST /ack/{token}}: records the answer; a form gets a page back, JSON gets JSON. */
    public void answer(Context ctx) throws Exception {
        noStore(ctx);
        String token = ctx.pathParam("token");
        try {
            if (store.link(token).isEmpty()) throw AckStore.invalidLink();
            Input in = input(ctx);
            Instant at = store.answerByLink(token, in.answer(), in.note());
            if (isForm(ctx)) ctx.contentType("text/html; charset=utf-8").result(AckPage.answered(in.answer()));
            else ctx.json(body(in.answer(), at, "link"));
        } catch (ApiException e) {
            refuse(ctx, e);
        }
    }

    /** {@code POST /api/warnings/{id}/targets/{personId}/answer} {@code {"answer","note","via"}}: the desk records a phone call's answer. */
    public void deskAnswer(Context ctx) throws Exception {
        Caller caller = Auth.caller(ctx);
        if (!caller.can(Action.ISSUE_WARNING)) caller = Auth.require(ctx, Action.ACKNOWLEDGE, "recording an answer");
        Caller c = caller;
        Input in = input(ctx);
        String via = in.via() == null ? "phone" : in.via();
        if (!via.equals("phone") && !via.equals("desk")) throw ApiException.invalidParameter("via", "must be phone or desk, got '" + via + "'");
        String warningId = ctx.pathParam("id");
        String personId = ctx.pathParam("personId");
        Instant at = store.answerByDesk(warningId, personId, in.answer(), in.note(), via, code -> Auth.requireInScope(c, code, "this person's"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("warning", warningId);
        out.put("person", personId);
        out.putAll(body(in.answer(), at, via));
        ctx.json(out);
    }

    private record Input(Answer answer, String note, String via) {
    }

    private static Input input(Context ctx) {
        String answer;
        String note;
        String via = null;
        if (isForm(ctx)) {
            answer = ctx.formParam("answer");
            note = ctx.formParam("note");
        } else {
            JsonNode b = Json.readBody(ctx.body(), "{\"answer\":\"received\"} (received, on_duty or need_support) with an optional \"note\"");
            if (!b.isObject()) throw ApiException.badRequest("invalid_answer", "the body must be a JSON object such as {\"answer\":\"received\",\"note\":\"…\"}");
            answer = b.path("answer").isTextual() ? b.path("answer").textValue() : null;
            note = b.path("note").isTextual() ? b.path("note").textValue() : null;
            via = b.path("via").isTextual() ? b.path("via").textValue() : null;
        }
        Answer a = answer == null ? null : Answer.parse(answer.strip()).orElse(null);
        if (a == null) {
            throw ApiException.badRequest("invalid_answer", "answer: " + (answer == null ? "is required" : "unknown value '" + answer + "'")
                    + "; use one of " + String.join(", ", Answer.ids()) + " (收到, 已到岗, 需要支援)");
        }
        note = note == null || note.isBlank() ? null : note.strip();
        if (note != null && note.codePointCount(0, note.length()) > MAX_NOTE) {
            throw ApiException.badRequest("invalid_answer", "note: has more than " + MAX_NOTE + " characters");
        }
        return new Input(a, note, via);
    }

    private static Map<String, Object> body(Answer a, Instant at, String via) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answer", a.id());
        m.put("state", a.state());
        m.put("answered_at", at.toString());
        m.put("answered_via", via);
        return m;
    }

    private static void refuse(Context ctx, ApiException e) {
        if (wantsHtml(ctx)) {
            String page = e.status() == 400 ? AckPage.badAnswer() : AckPage.refused(e.status());
            ctx.status(e.status()).contentType("text/html; charset=utf-8").result(page);
        } else {
            ErrorMapper.write(ctx, e.status(), e.code(), e.detail());
        }
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded");
    }

    private static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return isForm(ctx) || accept != null && accept.contains("text/html");
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
    }
}
