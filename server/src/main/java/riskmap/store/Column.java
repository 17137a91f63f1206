package riskmap.store;

/**
 * One attribute of a collection as clients see it: its name (also the table column), its type,
 * and whether it is personal data that only authenticated callers may read.
 */
public record Column(String name, Type type, boolean personal, String description) {
    public enum Type { STRING, INTEGER, TIMESTAMP }

    public static Column text(String name, String description) {
        return new Column(name, Type.STRING, false, description);
    }

    public static Column integer(String name, String description) {
        return new Column(name, Type.INTEGER, false, description);
    }

    public static Column timestamp(String name, String description) {
        return new Column(name, Type.TIMESTAMP, false, description);
    }

    public static Column personal(String name, String description) {
        return new Column(name, Type.STRING, true, description);
    }
}
