package riskmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import riskmap.config.AppConfig;

/** Configuration sources and their order: file, then environment, then flags. */
class ConfigTest {

    @Test
    void the_documented_example_file_is_accepted_and_gives_the_defaults() throws Exception {
        Path home = Files.createTempDirectory("riskmap-config");
        try {
            Files.copy(TestDatabase.home().resolve("config/riskmap.example.properties"), home.resolve("riskmap.properties"));
            AppConfig fromFile = AppConfig.load(home, new String[0], Map.of());
            AppConfig defaults = AppConfig.load(TestDatabase.home(), new String[0], Map.of());
            assertEquals(defaults.port(), fromFile.port());
            assertEquals(defaults.maxRadiusMetres(), fromFile.maxRadiusMetres());
            assertEquals(8080, fromFile.port());
            assertNull(fromFile.dbUrl());
            assertEquals(home.resolve("var"), fromFile.dataDir());
        } finally {
            TestFiles.deleteRecursively(home);
        }
    }

    @Test
    void flags_win_over_environment_variables() {
        AppConfig cfg = AppConfig.load(TestDatabase.home(), new String[] {"--port=9001", "--db", "postgresql://h/db"},
                Map.of("RISKMAP_PORT", "9000", "RISKMAP_MAX_RADIUS", "50000", "RISKMAP_CORS_ORIGINS", "https://a.example, https://b.example"));
        assertEquals(9001, cfg.port());
        assertEquals("postgresql://h/db", cfg.dbUrl());
        assertEquals(50000, cfg.maxRadiusMetres());
        assertEquals(List.of("https://a.example", "https://b.example"), cfg.corsOrigins());
    }
}
