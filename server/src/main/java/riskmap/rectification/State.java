package riskmap.rectification;

import java.util.Locale;

/** Where a rectification stands. {@link #CLOSED} (销号) is final; every other state is open. */
public enum State {
    REPORTED, ORDERED, RECTIFYING, SUBMITTED, COUNTY_ACCEPTED, REJECTED, ACCEPTED, CLOSED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True while the responsible person still owes work: only then can the deadline be missed. */
    public boolean workPending() {
        return this == ORDERED || this == RECTIFYING || this == REJECTED;
    }

    /** The hazard point's status while this is its latest rectification (values of V1's CHECK). */
    public String pointStatus() {
        return switch (this) {
            case ACCEPTED -> "rectified";
            case CLOSED -> "closed";
            default -> "rectifying";
        };
    }

    /** The name Chinese offices use, for exports. */
    public String label() {
        return switch (this) {
            case REPORTED -> "已上报";
            case ORDERED -> "已下达整改";
            case RECTIFYING -> "整改中";
            case SUBMITTED -> "已提交验收";
            case COUNTY_ACCEPTED -> "县级已验收";
            case REJECTED -> "验收未通过";
            case ACCEPTED -> "市级已验收";
            case CLOSED -> "已销号";
        };
    }

    public static State parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
