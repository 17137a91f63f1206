package riskmap.inspection;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which of the 三查 an inspection is. */
enum Kind {
    /** 汛前排查: before the flood season */
    PRE_FLOOD,
    /** 汛中巡查: patrol during the flood season */
    IN_FLOOD,
    /** 汛后复查: re-check after the flood season */
    POST_FLOOD,
    /** 日常巡查 */
    ROUTINE;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Kind> parse(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(Kind::id).toList();
    }
}
