package riskmap.people;

/** Shared by the people tests: people as clients send them. */
final class PeopleFixture {
    private PeopleFixture() {
    }

    /** A person's JSON body. */
    static String person(String name, String phone, String adminCode, String... roles) {
        return "{\"name\":\"" + name + "\",\"phone\":\"" + phone + "\",\"unit\":\"万州区应急管理局\",\"duty_roles\":[" + String.join(",",
                java.util.Arrays.stream(roles).map(r -> "\"" + r + "\"").toList()) + "],\"admin_code\":\"" + adminCode + "\"}";
    }
}
