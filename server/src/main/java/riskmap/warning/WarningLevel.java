package riskmap.warning;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four warning levels of Chinese emergency management (蓝黄橙红) and the CAP 1.2 severity
 * each one is sent as: 1 blue → Minor, 2 yellow → Moderate, 3 orange → Severe, 4 red → Extreme.
 * The mapping is one to one, so a CAP message's severity gives the level back.
 */
public enum WarningLevel {
    BLUE(1, "blue", "蓝色", "Minor"),
    YELLOW(2, "yellow", "黄色", "Moderate"),
    ORANGE(3, "orange", "橙色", "Severe"),
    RED(4, "red", "红色", "Extreme");

    private final int number;
    private final String color;
    private final String colorZh;
    private final String severity;

    WarningLevel(int number, String color, String colorZh, String severity) {
        this.number = number;
        this.color = color;
        this.colorZh = colorZh;
        this.severity = severity;
    }

    public int number() {
        return number;
    }

    public String color() {
        return color;
    }

    public String colorZh() {
        return colorZh;
    }

    /** The CAP {@code <severity>}. */
    public String severity() {
        return severity;
    }

    public static WarningLevel of(int number) {
        return values()[number - 1];
    }

    /** The level by its number (1–4), its colour (blue … red) or its Chinese colour (蓝色 … 红色, 蓝 … 红). */
    public static Optional<WarningLevel> parse(Object value) {
        if (value instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= 1 && n.intValue() <= 4) return Optional.of(of(n.intValue()));
        if (!(value instanceof String s)) return Optional.empty();
        return Arrays.stream(values()).filter(l -> l.color.equals(s) || l.colorZh.equals(s) || l.colorZh.substring(0, 1).equals(s)
                || String.valueOf(l.number).equals(s)).findFirst();
    }

    public static Optional<WarningLevel> ofSeverity(String severity) {
        return Arrays.stream(values()).filter(l -> l.severity.equals(severity)).findFirst();
    }
}
