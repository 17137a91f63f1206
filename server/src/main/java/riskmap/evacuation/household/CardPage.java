package riskmap.evacuation.household;

import static riskmap.ogc.Html.esc;

import java.util.List;
import java.util.Locale;

/**
 * The printable 明白卡 page: Chinese by default, English with {@code lang=en}; two cards per A4
 * sheet (each half a page, never split), every value HTML-escaped.
 */
final class CardPage {
    private static final String CSS = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:0}"
            + ".card{box-sizing:border-box;height:148mm;padding:10mm 14mm;border-bottom:1px dashed #999;page-break-inside:avoid;break-inside:avoid}"
            + ".card:nth-of-type(2n){page-break-after:always;break-after:page}h1{font-size:20pt;margin:0 0 4mm}"
            + "table{border-collapse:collapse;width:100%;font-size:12pt}th{text-align:left;width:32mm;vertical-align:top;padding:2mm}"
            + "td{padding:2mm;border-bottom:1px solid #ddd}@page{size:A4;margin:0}";

    /** The words of the card in one language. */
    private record Words(String lang, String title, String head, String members, String vulnerable, String hazards, String level, String signal,
                         String route, String shelter, String leader, String none, String about, String km, String m, String person) {
    }

    private static final Words ZH = new Words("zh-CN", "防灾避险明白卡", "户主", "家庭人数", "老弱病残", "威胁本户的隐患点", "级", "预警信号",
            "转移路线", "避险场所", "转移负责人", "未定", "约 ", " 公里", " 米", " 人");
    private static final Words EN = new Words("en", "Disaster evacuation card", "Head of household", "Members", "Needing help",
            "Hazard points threatening the household", "level ", "Warning signal", "Evacuation route", "Shelter", "Transfer leader", "not set",
            "about ", " km", " m", "");

    private CardPage() {
    }

    static String render(String title, List<Card> cards, boolean english) {
        Words w = english ? EN : ZH;
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"").append(w.lang()).append("\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append(" · ").append(esc(w.title())).append("</title><style>").append(CSS).append("</style></head><body>");
        for (Card c : cards) card(b, c, w, english);
        return b.append("</body></html>").toString();
    }

    private static void card(StringBuilder b, Card c, Words w, boolean english) {
        b.append("<section class=\"card\" data-household=\"").append(esc(c.householdId())).append("\"><h1>").append(esc(w.title())).append("</h1><table>");
        row(b, w.head(), esc(c.headName()));
        row(b, w.members(), c.members() + w.person());
        row(b, w.vulnerable(), c.vulnerable() + w.person() + (c.vulnerableNote() == null ? "" : "（" + esc(c.vulnerableNote()) + "）"));
        StringBuilder hazards = new StringBuilder();
        for (Card.Hazard h : c.hazards()) {
            if (!hazards.isEmpty()) hazards.append("<br>");
            hazards.append(esc(h.name())).append(h.level() == null ? "" : english ? " (" + w.level() + h.level() + ")" : "（" + h.level() + w.level() + "）");
        }
        row(b, w.hazards(), hazards.isEmpty() ? esc(w.none()) : hazards.toString());
        row(b, w.signal(), esc(orNone(c.signal(), w)));
        String to = c.shelterName() == null ? w.none() : c.shelterName();
        row(b, w.route(), esc(orNone(c.address(), w)) + " → " + esc(to) + (c.distanceMetres() == null ? "" : "，" + esc(distance(c.distanceMetres(), w))));
        row(b, w.shelter(), esc(to) + (c.shelterAddress() == null ? "" : "（" + esc(c.shelterAddress()) + "）"));
        row(b, w.leader(), esc(orNone(c.leaderName(), w)) + (c.leaderPhone() == null ? "" : " " + esc(c.leaderPhone())));
        b.append("</table></section>");
    }

    /** "约 1.2 公里" from 1 km on, "约 350 米" below. */
    private static String distance(double metres, Words w) {
        return metres >= 1000 ? w.about() + String.format(Locale.ROOT, "%.1f", metres / 1000) + w.km() : w.about() + Math.round(metres / 10) * 10 + w.m();
    }

    private static String orNone(String s, Words w) {
        return s == null || s.isBlank() ? w.none() : s;
    }

    private static void row(StringBuilder b, String label, String html) {
        b.append("<tr><th>").append(esc(label)).append("</th><td>").append(html).append("</td></tr>");
    }
}
