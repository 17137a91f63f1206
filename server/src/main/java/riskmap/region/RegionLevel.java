package riskmap.region;

import java.util.Arrays;
import java.util.List;
import riskmap.domain.ApiException;

/**
 * The five levels of China's administrative divisions and the length of their codes: province 2
 * digits, city (prefecture) 4, county 6, township 9, village 12. A code's level is its length.
 * {@link #number} is what the {@code region.level} column stores (1–5).
 */
public enum RegionLevel {
    province(1, 2), city(2, 4), county(3, 6), township(4, 9), village(5, 12);

    /** How a code looks, for error messages. */
    static final String CODE_SHAPE = "a region code has 2 (province), 4 (city), 6 (county), 9 (township) or 12 (village) digits, e.g. 50, 5001, 500101, 500101001";

    private final int number;
    private final int codeLength;

    RegionLevel(int number, int codeLength) {
        this.number = number;
        this.codeLength = codeLength;
    }

    public int number() {
        return number;
    }

    public int codeLength() {
        return codeLength;
    }

    /** The level above, or null for a province. */
    public RegionLevel parent() {
        return number == 1 ? null : values()[number - 2];
    }

    /** The level below, or null for a village. */
    public RegionLevel child() {
        return number == 5 ? null : values()[number];
    }

    public static RegionLevel ofNumber(int number) {
        return values()[number - 1];
    }

    /** The level of a well-formed code; a 400 saying what a code looks like otherwise. */
    public static RegionLevel ofCode(String code) {
        if (code != null && code.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            for (RegionLevel l : values()) {
                if (l.codeLength == code.length()) return l;
            }
        }
        throw ApiException.invalidParameter("code", "'" + code + "' is not a region code; " + CODE_SHAPE);
    }

    /** The level named {@code name} (a query parameter's value); a 400 listing the levels otherwise. */
    public static RegionLevel parse(String parameter, String name) {
        for (RegionLevel l : values()) {
            if (l.name().equals(name)) return l;
        }
        throw ApiException.invalidParameter(parameter, "unknown level '" + name + "'; use one of " + String.join(", ", names()));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
