package riskmap.delivery;

import static riskmap.ogc.Html.esc;

/**
 * The tiny phone page behind an answer link, in Chinese with English: the warning's headline and
 * instruction, a note and three buttons (收到 / 已到岗 / 需要支援). Plain HTML with one form, no
 * script, so it works on any phone browser; a tap on a button sends at once, so the note comes
 * before them. Everything fits a 390 px screen (AckPagePhoneBrowserTest). A refused link gets a
 * page that names no warning.
 */
final class AckPage {
    private static final String STYLE = "<style>body{font-family:system-ui,sans-serif;margin:1em;max-width:32em;color:#222;font-size:18px}"
            + "h1{font-size:1.2em}.lv{display:inline-block;padding:.1em .5em;border-radius:.3em;color:#fff}"
            + ".l1{background:#1f6fd1}.l2{background:#d1b000}.l3{background:#e87b00}.l4{background:#d11f1f}"
            + "button{display:block;width:100%;font-size:1.1em;padding:.7em;margin:.4em 0;border:0;border-radius:.4em;background:#0a6;color:#fff}"
            + "button.s{background:#c33}textarea{width:100%;box-sizing:border-box;font-size:1em}small{color:#666}</style>";

    private AckPage() {
    }

    static String form(AckStore.Link l, String token) {
        Message.Warning w = new Message.Warning(l.warningId(), null, l.level(), null, l.headline(), null, l.instruction(), null);
        StringBuilder b = head("预警确认 · Warning answer");
        b.append("<p><span class=\"lv l").append(l.level()).append("\">").append(w.levelZh()).append("预警 · ").append(w.levelEn())
                .append("</span></p><h1>").append(esc(l.headline())).append("</h1>");
        if (l.instruction() != null) b.append("<p>").append(esc(l.instruction())).append("</p>");
        b.append("<p>").append(esc(l.personName())).append("，请确认收到 / please answer:</p>");
        b.append("<form method=\"post\" action=\"/ack/").append(esc(token)).append("\">");
        b.append("<p><label>备注（可不填）· Note (optional)<br><textarea name=\"note\" rows=\"2\" maxlength=\"1000\"></textarea></label></p>");
        for (Answer a : Answer.values()) {
            b.append("<button name=\"answer\" value=\"").append(a.id()).append('"').append(a == Answer.NEED_SUPPORT ? " class=\"s\"" : "")
                    .append('>').append(a.zh()).append(" · ").append(a.en()).append("</button>");
        }
        b.append("</form>");
        b.append("<p><small>此链接仅可使用一次 · This link works once.</small></p>");
        return b.append("</body></html>").toString();
    }

    /** A warning that was cancelled or has expired: its headline and that no answer is needed. */
    static String closed(AckStore.Link l) {
        boolean cancelled = l.closed() == AckStore.Closed.CANCELLED;
        return head("无需回复 · No answer needed").append("<h1>").append(esc(l.headline())).append("</h1><p>")
                .append(cancelled ? "此预警已解除，无需回复。" : "此预警已过期，无需回复。").append("</p><p>")
                .append(cancelled ? "This warning was cancelled" : "This warning has expired").append("; no answer is needed.</p></body></html>").toString();
    }

    static String answered(Answer a) {
        return head("已确认 · Answered").append("<h1>已记录：").append(a.zh()).append("</h1><p>Recorded: ").append(a.en())
                .append(". 谢谢 · Thank you.</p></body></html>").toString();
    }

    /** The page for a refused link: what happened and what to do, nothing about any warning. */
    static String refused(int status) {
        String zh = status == 410 ? "此链接已使用过，仅第一次回复有效。如需更改，请致电值班室。" : "此链接无效。请使用收到的原始链接，或致电值班室。";
        String en = status == 410 ? "This link has already been used; only the first answer counts. Call the duty desk to change it."
                : "This link is not valid. Use the link exactly as it arrived, or call the duty desk.";
        return head("链接无效 · Link not valid").append("<h1>").append(zh).append("</h1><p>").append(en).append("</p></body></html>").toString();
    }

    static String badAnswer() {
        return head("请选择 · Choose an answer").append("<h1>请选择一个回复：收到、已到岗或需要支援。</h1>")
                .append("<p>Choose one answer: received, on duty or need support (the note has at most 1000 characters). Go back and try again.</p></body></html>").toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><link rel=\"icon\" href=\"data:,\"><title>").append(esc(title)).append("</title>").append(STYLE).append("</head><body>");
    }
}
