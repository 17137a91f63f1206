package riskmap.inspection;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the inspector found at the point. */
enum Result {
    /** 未见异常 */
    NORMAL,
    /** 发现隐患: a hidden danger to report and rectify */
    HIDDEN_DANGER,
    /** 险情加剧: the known danger got worse (cracks wider, more seepage) */
    WORSENED;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Anything but normal must say what was seen. */
    boolean needsFindings() {
        return this != NORMAL;
    }

    static Optional<Result> parse(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(Result::id).toList();
    }
}
