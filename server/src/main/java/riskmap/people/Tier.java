package riskmap.people;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The level a person works at, with the words a spreadsheet may use for it. */
public enum Tier {
    COUNTY("county", List.of("县", "县级", "区县", "县区")),
    TOWNSHIP("township", List.of("乡", "镇", "乡镇", "乡级", "镇级", "街道")),
    VILLAGE("village", List.of("村", "村级", "社区", "村组"));

    private final String id;
    private final List<String> words;

    Tier(String id, List<String> words) {
        this.id = id;
        this.words = words;
    }

    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Tier::id).toList();
    }

    /** The tier named by its id or one of its Chinese words. */
    public static Optional<Tier> parse(String s) {
        return Arrays.stream(values()).filter(t -> t.id.equals(s) || t.words.contains(s)).findFirst();
    }

    /** The tier a region code's length implies: 6 digits a county, 9 a township, 12 a village. */
    public static Tier ofCode(String adminCode) {
        return switch (adminCode.length()) {
            case 6 -> COUNTY;
            case 9 -> TOWNSHIP;
            default -> VILLAGE;
        };
    }
}
