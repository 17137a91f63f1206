package riskmap.warning;

import java.util.regex.Pattern;
import riskmap.auth.Caller;

/**
 * The issuing unit's code of GB/T 35965.1, {@code ZZZZZZDDDUUUXX} (14 digits): the unit's
 * 6-digit GB/T 2260 code, a 3-digit institution code (GB/T 4657), a 3-digit internal code
 * (default 000) and a 2-digit extension (default 00).
 *
 * <p>When a client gives none, riskmap uses the account's region: its first six digits (a
 * province or city scope padded with zeros, as GB/T 2260 writes 500000 and 500100) followed by
 * zeros. An account of the whole country must name its code.
 */
public final class SenderCode {
    public static final Pattern FORM = Pattern.compile("[0-9]{14}");

    private SenderCode() {
    }

    /** The default code of the account, or null when it has no region (the whole country). */
    public static String defaultFor(Caller caller) {
        if (caller.scope() == null) return null;
        String region = caller.scope().length() >= 6 ? caller.scope().substring(0, 6) : (caller.scope() + "000000").substring(0, 6);
        return region + "00000000";
    }

    /** The GB/T 2260 region of a sender code: its first six digits without the padding of a province or city (500000 → 50, 500100 → 5001). */
    public static String region(String senderCode) {
        String six = senderCode.substring(0, 6);
        if (six.endsWith("0000")) return six.substring(0, 2);
        if (six.endsWith("00")) return six.substring(0, 4);
        return six;
    }

    /** True when the caller may send under this code: the code's region lies in the scope, or the scope lies in it (a township office issuing under its county's code). */
    public static boolean mayUse(Caller caller, String senderCode) {
        if (caller.scope() == null) return true;
        String region = region(senderCode);
        return region.startsWith(caller.scope()) || caller.scope().startsWith(region);
    }
}
