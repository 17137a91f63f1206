package riskmap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import riskmap.TestDatabase;

/** base_maps as an operator writes it: empty, inline JSON, a file; and the start-up errors for mistakes. */
class BaseMapConfigTest {
    private static final String TIANDITU = "{\"id\":\"tdt\",\"name\":\"天地图矢量\",\"type\":\"wmts\","
            + "\"url\":\"http://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default"
            + "&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY\",\"subdomains\":\"01234567\",\"max_zoom\":18,"
            + "\"labels_url\":\"http://t{s}.tianditu.gov.cn/cva_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=cva&STYLE=default"
            + "&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY\"}";

    private static BaseMapConfig load(String value) {
        return AppConfig.load(TestDatabase.home(), new String[0], Map.of("RISKMAP_BASE_MAPS", value)).baseMaps();
    }

    private static String refusal(String value) {
        return assertThrows(StartupException.class, () -> load(value)).getMessage();
    }

    @Test
    void empty_means_openstreetmap_only() {
        BaseMapConfig cfg = AppConfig.load(TestDatabase.home(), new String[0], Map.of()).baseMaps();
        assertEquals(1, cfg.maps().size());
        assertEquals("osm", cfg.maps().get(0).id());
    }

    @Test
    void an_inline_array_keeps_order_and_defaults() {
        BaseMapConfig cfg = load("[" + TIANDITU + ",{\"id\":\"local\",\"name\":\"本地\",\"url\":\"http://127.0.0.1:9/{z}/{x}/{y}.png\"}]");
        assertEquals(2, cfg.maps().size());
        BaseMapConfig.BaseMap tdt = cfg.maps().get(0);
        assertEquals("wmts", tdt.type());
        assertEquals("01234567", tdt.subdomains());
        assertTrue(tdt.labelsUrl().contains("LAYER=cva"));
        BaseMapConfig.BaseMap local = cfg.maps().get(1);
        assertEquals("xyz", local.type());
        assertEquals(18, local.maxZoom());
        assertEquals("本地", local.nameEn());
        assertNull(local.labelsUrl());
    }

    @Test
    void a_file_path_is_read_relative_to_the_checkout(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("base-maps.json");
        Files.writeString(file, "[" + TIANDITU + "]");
        assertEquals("tdt", load(file.toString()).maps().get(0).id());
        assertTrue(refusal(dir.resolve("missing.json").toString()).contains("cannot read"));
    }

    @Test
    void the_example_file_in_config_is_valid() {
        BaseMapConfig cfg = load("config/base-maps.example.json");
        assertEquals("tianditu-vec", cfg.maps().get(0).id());
        assertEquals("wmts", cfg.maps().get(0).type());
    }

    @Test
    void mistakes_stop_start_up_naming_the_entry_and_what_to_write() {
        assertTrue(refusal("[").startsWith("setting 'base_maps' is not valid JSON"), refusal("["));
        assertTrue(refusal("[]").contains("non-empty JSON array"));
        assertTrue(refusal("[{\"id\":\"a\",\"name\":\"A\",\"url\":\"http://x/{z}/{x}.png\"}]")
                .contains("entry 1 (a): url must contain {z}, {x} and {y}"));
        assertTrue(refusal("[{\"id\":\"a\",\"name\":\"A\",\"type\":\"wmts\",\"url\":\"http://x/{z}/{x}/{y}\"}]")
                .contains("a wmts url is a KVP GetTile request"));
        assertTrue(refusal("[{\"id\":\"offline\",\"name\":\"A\",\"url\":\"http://x/{z}/{x}/{y}\"}]").contains("not 'offline'"));
        assertTrue(refusal("[{\"id\":\"a\",\"name\":\"A\",\"url\":\"http://x/{z}/{x}/{y}\",\"maxzoom\":3}]").contains("unknown key 'maxzoom'"));
        assertTrue(refusal("[{\"id\":\"a\",\"name\":\"A\",\"url\":\"http://x/{z}/{x}/{y}\",\"max_zoom\":40}]").contains("max_zoom must be a whole number from 1 to 22"));
        assertTrue(refusal("[{\"id\":\"a\",\"name\":\"A\",\"url\":\"ftp://x/{z}/{x}/{y}\"}]").contains("must be an http:// or https:// URL"));
        assertTrue(refusal("[{\"id\":\"a\",\"name\":\"A\",\"url\":\"http://x/{z}/{x}/{y}\"},{\"id\":\"a\",\"name\":\"B\",\"url\":\"http://y/{z}/{x}/{y}\"}]")
                .contains("entry 2: id 'a' is used twice"));
        assertTrue(refusal("[{\"id\":\"a\",\"url\":\"http://x/{z}/{x}/{y}\"}]").contains("entry 1 (a): name is required"));
    }
}
