package riskmap.people;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese phone numbers as people write them, in the one form riskmap stores: a mobile as its 11
 * digits ({@code 13800001111}, from {@code +86 138-0000-1111}), a landline as area code - number
 * [- extension] ({@code 023-58123456}, {@code 0871-1234567-801}).
 *
 * <p>Area codes are 010 and 020–029 (three digits) or 0 + three digits elsewhere, so a landline
 * written without a separator is still split right; local numbers have 7 or 8 digits.
 */
public final class Phone {
    private static final Pattern MOBILE = Pattern.compile("(?:(?:\\+|00)?86[\\s-]?)?(1[3-9][0-9](?:[\\s-]?[0-9]){8})");
    private static final Pattern LANDLINE = Pattern.compile(
            "[(（]?(01[0-9]|02[0-9]|0[3-9][0-9]{2})[)）]?[\\s-]?([0-9]{3,4}[\\s-]?[0-9]{4})"
                    + "(?:(?:[\\s-]+|\\s*(?:转|分机|ext\\.?|x|#)\\s*)([0-9]{1,6}))?", Pattern.CASE_INSENSITIVE);
    public static final String EXPECTED = "a mobile number (11 digits from 13… to 19…, e.g. 13800001111 or +86 138 0000 1111)"
            + " or a landline with its area code (e.g. 023-58123456, 0871-1234567, an extension as 023-58123456-801)";

    private Phone() {
    }

    /** The stored form of {@code written}, or empty when it is not a phone number. */
    public static Optional<String> normalise(String written) {
        String s = written.strip();
        Matcher m = MOBILE.matcher(s);
        if (m.matches()) return Optional.of(digits(m.group(1)));
        m = LANDLINE.matcher(s);
        if (!m.matches()) return Optional.empty();
        return Optional.of(m.group(1) + "-" + digits(m.group(2)) + (m.group(3) == null ? "" : "-" + m.group(3)));
    }

    private static String digits(String s) {
        return s.replaceAll("[^0-9]", "");
    }
}
