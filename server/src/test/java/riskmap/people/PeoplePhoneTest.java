package riskmap.people;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Phone numbers as people write them, normalised to the one stored form. */
class PeoplePhoneTest {
    private static void same(String stored, String written) {
        assertEquals(Optional.of(stored), Phone.normalise(written), written);
    }

    private static void refused(String written) {
        assertEquals(Optional.empty(), Phone.normalise(written), written);
    }

    @Test
    void mobiles_keep_their_eleven_digits_with_or_without_country_code_spaces_and_dashes() {
        same("13800001111", "13800001111");
        same("13800001111", "+86 138-0000-1111");
        same("19912345678", "0086 199 1234 5678");
        same("15912345678", "86-15912345678");
    }

    @Test
    void landlines_are_area_code_dash_number_and_an_extension() {
        same("023-58123456", "023-58123456");
        same("023-58123456", "(023)5812 3456");
        same("023-58123456", "02358123456");
        same("0871-1234567", "0871-1234567");
        same("0871-1234567", "08711234567");
        same("010-12345678-801", "010-12345678转801");
        same("023-58123456-12", "023-58123456-12");
        same("0731-88888888", "（0731）88888888");
    }

    @Test
    void what_is_not_a_phone_is_refused() {
        refused("12345");
        refused("1380000111");
        refused("12800001111");
        refused("138000011112");
        refused("58123456");
        refused("023-123456");
        refused("tel 13800001111");
    }
}
