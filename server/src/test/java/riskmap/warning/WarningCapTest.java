package riskmap.warning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sql.DataSource;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import riskmap.ServerExtension;
import riskmap.TestDatabase;
import riskmap.auth.Action;
import riskmap.auth.Api;

/** CAP 1.2 XML validates and round-trips through the import; the Atom feed lists the active warnings only; hostile XML is refused. */
class WarningCapTest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Api::database);
    private static DataSource ds;
    private static Api api;
    private static String wanzhou;
    private static Schema schema;

    @BeforeAll
    static void start() throws Exception {
        ds = SERVER.ds();
        api = new Api(SERVER.port());
        wanzhou = WarningFixture.token(ds, "万州区预警员", "500101", Action.ISSUE_WARNING, Action.READ_PERSONAL);
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        schema = f.newSchema(TestDatabase.home().resolve("server/src/test/resources/cap/cap-1.2-structure.xsd").toFile());
    }

    @BeforeEach
    void reset() throws Exception {
        WarningFixture.load(ds);
    }

    private static final String MIXED_AREA = "{\"description\":\"余家镇及小周镇\",\"polygons\":[" + WarningFixture.box(WarningFixture.BOX_A)
            + "],\"circles\":[{\"center\":[108.5,30.7],\"radius_m\":1234.5}],\"region_codes\":[\"" + WarningFixture.TOWNSHIP_B + "\"]}";

    @Test
    void an_issued_warning_is_valid_cap_1_2_with_its_identifier_area_and_chinese_text() throws Exception {
        String id = issued(MIXED_AREA);
        byte[] cap = api.get("/api/warnings/" + id + ".cap", null).bytes();
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(cap)));
        Document d = dom(cap);
        Element alert = d.getDocumentElement();
        assertEquals(CapXml.NAMESPACE, alert.getNamespaceURI());
        String identifier = text(alert, "identifier");
        assertTrue(identifier.matches("50010100000000_\\d{14}_0"), identifier);
        assertEquals("Public", text(alert, "scope"));
        assertEquals("zh-CN", text(alert, "language"));
        assertEquals("Geo", text(alert, "category"));
        assertEquals("Severe", text(alert, "severity"));
        assertEquals("万州区余家镇地质灾害橙色预警", text(alert, "headline"));
        assertEquals("请立即组织危险区群众转移。", text(alert, "instruction"));
        assertEquals("2026-01-01T08:00:00+08:00", text(alert, "effective"));
        assertEquals("30.78,108.28 30.78,108.33 30.83,108.33 30.83,108.28 30.78,108.28", text(alert, "polygon"));
        assertEquals("30.7,108.5 1.2345", text(alert, "circle"));
        assertEquals(WarningFixture.TOWNSHIP_B, ((Element) alert.getElementsByTagNameNS(CapXml.NAMESPACE, "geocode").item(0))
                .getElementsByTagNameNS(CapXml.NAMESPACE, "value").item(0).getTextContent());
        Api.Response negotiated = api.get("/api/warnings/" + id, null, "Accept", "application/cap+xml");
        assertEquals(new String(cap, StandardCharsets.UTF_8), negotiated.body());
        assertTrue(negotiated.header("Content-Type").startsWith("application/cap+xml"));
    }

    @Test
    void cap_xml_round_trips_through_the_import() throws Exception {
        String id = issued(MIXED_AREA);
        String cap = api.get("/api/warnings/" + id + ".cap", null).body();
        JsonNode before = api.get("/api/warnings/" + id, null).json();
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("TRUNCATE warning, warning_target, delivery_attempt, ack_link CASCADE");
        }
        Api.Response imported = api.send("POST", "/api/warnings/import", wanzhou, cap.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/cap+xml");
        assertEquals(201, imported.status(), imported.body());
        String newId = imported.json().get("id").asText();
        assertEquals(cap, api.get("/api/warnings/" + newId + ".cap", null).body(), "the same message, byte for byte");
        JsonNode after = imported.json();
        for (String field : List.of("identifier", "sender", "msg_type", "status", "state", "level", "category", "event", "headline", "description",
                "instruction", "effective", "expires", "sent")) {
            assertEquals(before.get(field), after.get(field), field);
        }
        assertEquals(before.get("area").get("polygons"), after.get("area").get("polygons"));
        assertEquals(before.get("area").get("region_codes"), after.get("area").get("region_codes"));
        assertTrue(TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + newId + "'") > 0, "an issued import calls its targets");
    }

    @Test
    void a_draft_is_sent_as_status_draft_and_imported_as_a_draft() throws Exception {
        String id = api.json("POST", "/api/warnings", wanzhou, WarningFixture.warning(WarningFixture.codesArea(WarningFixture.TOWNSHIP_A), 1)).json().get("id").asText();
        byte[] cap = api.get("/api/warnings/" + id + ".cap", wanzhou).bytes();
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(cap)));
        assertEquals("Draft", text(dom(cap).getDocumentElement(), "status"));
        Api.Response imported = api.send("POST", "/api/warnings/import", wanzhou, cap, "Content-Type", "application/cap+xml");
        assertEquals(201, imported.status(), imported.body());
        assertEquals("draft", imported.json().get("state").asText());
        assertEquals(1, imported.json().get("level").asInt());
        assertEquals(404, api.get("/api/warnings/" + id + ".cap", null).status(), "drafts are not public");
    }

    @Test
    void the_atom_feed_lists_the_active_warnings_only() throws Exception {
        String active = issued(WarningFixture.codesArea(WarningFixture.TOWNSHIP_A));
        String expired = issued(WarningFixture.codesArea(WarningFixture.TOWNSHIP_B));
        String draft = api.json("POST", "/api/warnings", wanzhou, WarningFixture.warning(WarningFixture.codesArea(WarningFixture.COUNTY), 2)).json().get("id").asText();
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("UPDATE warning SET expires = now() - interval '1 minute' WHERE id = '" + expired + "'");
        }
        Api.Response feed = api.get("/api/warnings.atom", null);
        assertTrue(feed.header("Content-Type").startsWith("application/atom+xml"), feed.header("Content-Type"));
        Document d = dom(feed.bytes());
        assertEquals("feed", d.getDocumentElement().getLocalName());
        NodeList entries = d.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertEquals(1, entries.getLength(), feed.body());
        assertTrue(entries.item(0).getTextContent().contains("/api/warnings/" + active), feed.body());
        assertTrue(!feed.body().contains(expired) && !feed.body().contains(draft));
    }

    @Test
    void malformed_hostile_or_dangling_cap_is_refused_and_nothing_is_written() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&x;</identifier></alert>";
        String cancelNothing = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>50010100000000_20260101080000_0</identifier><sender>x</sender>"
                + "<sent>2026-01-01T08:00:00+08:00</sent><status>Actual</status><msgType>Cancel</msgType><scope>Public</scope></alert>";
        String cancelUnknown = cancelNothing.replace("<scope>Public</scope>", "<scope>Public</scope><references>x,NOPE,2026-01-01T08:00:00+08:00</references>");
        for (String body : List.of("<alert", xxe, "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", cancelNothing, cancelUnknown)) {
            Api.Response r = api.send("POST", "/api/warnings/import", wanzhou, body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/cap+xml");
            assertEquals(400, r.status(), body + " → " + r.body());
            assertEquals("invalid_cap", r.json().get("error").asText());
            assertTrue(!r.body().contains("root:"), "nothing of /etc/passwd");
        }
        assertTrue(api.send("POST", "/api/warnings/import", wanzhou, xxe.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/cap+xml").json()
                .get("detail").asText().contains("DTD"));
        assertEquals(415, api.send("POST", "/api/warnings/import", wanzhou, "{}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json").status());
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM warning") + TestDatabase.count(ds, "SELECT count(*) FROM change_history"));
    }

    private static String issued(String area) {
        String id = api.json("POST", "/api/warnings", wanzhou, WarningFixture.warning(area, 3)).json().get("id").asText();
        Api.Response r = api.json("POST", "/api/warnings/" + id + "/issue", wanzhou, "");
        assertEquals(200, r.status(), r.body());
        return id;
    }

    private static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String text(Element e, String name) {
        return e.getElementsByTagNameNS(CapXml.NAMESPACE, name).item(0).getTextContent();
    }
}
