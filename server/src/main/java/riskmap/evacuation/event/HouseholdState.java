package riskmap.evacuation.event;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where one household of an evacuation event stands, and the one table of which state may follow
 * which. Every household starts {@link #TO_MOVE}; {@link #RETURNED} is final.
 *
 * <pre>
 * to_move → moving | refused     (they set off, or refuse to leave)
 * refused → moving | forced      (they change their mind, or are moved by order: 强制转移)
 * moving  → arrived              (counted at the shelter)
 * forced  → arrived
 * arrived → returned             (back home once the event allows it; leaves the shelter's count)
 * </pre>
 */
public enum HouseholdState {
    TO_MOVE, MOVING, ARRIVED, REFUSED, FORCED, RETURNED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The states this one may change to, in declaration order. */
    public List<HouseholdState> next() {
        Set<HouseholdState> to = switch (this) {
            case TO_MOVE -> Set.of(MOVING, REFUSED);
            case REFUSED -> Set.of(MOVING, FORCED);
            case MOVING, FORCED -> Set.of(ARRIVED);
            case ARRIVED -> Set.of(RETURNED);
            case RETURNED -> Set.of();
        };
        return Arrays.stream(values()).filter(to::contains).toList();
    }

    public boolean mayBecome(HouseholdState to) {
        return next().contains(to);
    }


    public static Optional<HouseholdState> parse(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(HouseholdState::id).toList();
    }
}
