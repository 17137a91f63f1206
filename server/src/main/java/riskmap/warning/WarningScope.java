package riskmap.warning;

import java.util.List;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;

/**
 * Whether an account with {@code issue_warning} may write a warning for an area: every region
 * code of the area lies in the account's scope; every hazard point and risk zone the area reaches
 * (its polygons, circles and regions) lies in the scope; and the sender code is the account's
 * own (its region lies in the scope, or the scope in it, as a township office issues under its
 * county's code). A polygon that reaches no hazard at all is thus in scope when the sender is.
 */
public final class WarningScope {
    private static final int NAMED = 5;

    private WarningScope() {
    }

    public static void check(Caller caller, WarningInput in, List<InsideHazard> inside) {
        if (!SenderCode.mayUse(caller, in.senderCode())) {
            throw forbidden(caller, "the sender code " + in.senderCode() + " belongs to region " + SenderCode.region(in.senderCode())
                    + "; send under your own unit's code (leave sender_code out for the default)");
        }
        for (String code : in.area().regionCodes()) {
            if (!caller.covers(code)) throw forbidden(caller, "the area's region code " + code + " lies outside it");
        }
        List<InsideHazard> outside = inside.stream().filter(h -> h.adminCode() != null && !caller.covers(h.adminCode())).toList();
        if (!outside.isEmpty()) {
            throw forbidden(caller, "the area reaches " + outside.size() + " hazards outside it ("
                    + String.join(", ", outside.stream().limit(NAMED).map(h -> h.id() + " in " + h.adminCode()).toList())
                    + (outside.size() > NAMED ? ", …" : "") + "); draw the area inside your region, or ask the office above to issue it");
        }
    }

    private static ApiException forbidden(Caller caller, String why) {
        return new ApiException(403, "forbidden", "this account issues warnings only in " + caller.scopeName() + "; " + why + ". Nothing was written.");
    }
}
