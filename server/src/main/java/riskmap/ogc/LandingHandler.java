package riskmap.ogc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import riskmap.http.Json;
import riskmap.ogc.Links.Link;
import riskmap.ogc.Negotiation.Format;
import riskmap.ogc.Negotiation.Offer;

/** {@code /ogc} (landing page), {@code /ogc/conformance} and {@code /ogc/api} (OpenAPI 3.0). */
public final class LandingHandler {

    public void landing(Context ctx) throws Exception {
        Offer offer = Negotiation.choose(ctx, Negotiation.DOCUMENT);
        Links links = Links.of(ctx);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("title", "riskmap — 一张图 risk map OGC API");
        doc.put("description", "Hazard points (landslide, flood, forest fire), risk zones and emergency shelters as OGC API – Features.");
        Links.toJson(doc, List.of(
                new Link(links.url("", ctx, Links.changes()), "self", offer.mediaType(), "this document"),
                new Link(links.url("?f=" + (offer.format() == Format.HTML ? "json" : "html")), "alternate",
                        offer.format() == Format.HTML ? Negotiation.JSON : Negotiation.HTML, "this document as " + (offer.format() == Format.HTML ? "JSON" : "HTML")),
                new Link(links.url("/api"), "service-desc", Negotiation.OPENAPI, "the API definition (OpenAPI 3.0)"),
                new Link(links.url("/api?f=html"), "service-doc", Negotiation.HTML, "the API documentation"),
                new Link(links.url("/conformance"), "conformance", Negotiation.JSON, "conformance classes implemented"),
                new Link(links.url("/collections"), "data", Negotiation.JSON, "the feature collections"),
                new Link(links.url("/tileMatrixSets"), "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", Negotiation.JSON, "the tile matrix sets"),
                new Link(links.url("/styles/default"), "http://www.opengis.net/def/rel/ogc/1.0/styles", Negotiation.MAPBOX_STYLE, "the default map style")));
        if (offer.format() == Format.HTML) {
            OgcPages.landing(ctx, links, doc);
            return;
        }
        ctx.contentType(offer.mediaType()).result(Json.MAPPER.writeValueAsString(doc));
    }

    public void conformance(Context ctx) throws Exception {
        Offer offer = Negotiation.choose(ctx, Negotiation.DOCUMENT);
        if (offer.format() == Format.HTML) {
            OgcPages.conformance(ctx, Links.of(ctx), Conformance.CLASSES);
            return;
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ArrayNode list = doc.putArray("conformsTo");
        Conformance.CLASSES.forEach(list::add);
        ctx.contentType(offer.mediaType()).result(Json.MAPPER.writeValueAsString(doc));
    }

    public void api(Context ctx) throws Exception {
        Offer offer = Negotiation.choose(ctx, Negotiation.OPENAPI_DOC);
        Links links = Links.of(ctx);
        ObjectNode api = OpenApiDocument.build(links.base());
        if (offer.format() == Format.HTML) {
            OgcPages.api(ctx, links, api);
            return;
        }
        ctx.contentType(offer.mediaType()).result(Json.MAPPER.writeValueAsString(api));
    }
}
