package riskmap.http;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;
import static io.javalin.apibuilder.ApiBuilder.sse;

import io.javalin.apibuilder.EndpointGroup;
import riskmap.delivery.AckHandler;
import riskmap.delivery.EventsHandler;
import riskmap.dualcontrol.DualControlHandler;
import riskmap.evacuation.AllocateHandler;
import riskmap.evacuation.event.EventFeed;
import riskmap.evacuation.event.EventHandler;
import riskmap.evacuation.household.HouseholdHandler;
import riskmap.evacuation.plan.PlanHandler;
import riskmap.inspection.InspectionHandler;
import riskmap.live.FeatureEvents;
import riskmap.metrics.Metrics;
import riskmap.ogc.OgcHandlers;
import riskmap.people.PeopleHandler;
import riskmap.rectification.RectificationHandler;
import riskmap.rectification.dashboard.DashboardHandler;
import riskmap.region.RegionHandler;
import riskmap.warning.CapHandler;
import riskmap.warning.WarningHandler;

/** Every path riskmap serves and the handler answering it, in the order of api.md. Nothing else registers routes. */
public final class Routes {
    private Routes() {
    }

    public static EndpointGroup of(Handlers h) {
        return () -> {
            before(h.auth()::resolve); // who is calling: anonymous or a token's caller (api.md §4)
            path("ogc", () -> {
                get(h.ogc().landing()::landing);
                get("conformance", h.ogc().landing()::conformance);
                get("api", h.ogc().landing()::api);
                get("collections", h.ogc().collections()::collections);
                get("collections/{collectionId}", h.ogc().collections()::collection);
                get("collections/{collectionId}/queryables", h.ogc().collections()::queryables);
                get("collections/{collectionId}/sortables", h.ogc().collections()::sortables);
                get("collections/{collectionId}/items", h.ogc().items()::items);
                get("collections/{collectionId}/items/{featureId}", h.ogc().items()::item);
                get("collections/{collectionId}/tiles", h.ogc().tiles()::tilesets);
                get("collections/{collectionId}/tiles/{tileMatrixSetId}", h.ogc().tiles()::tileset);
                // OGC API – Tiles' own tile path ({tileMatrix}/{tileRow}/{tileCol}): the same tiles as /tiles/{collectionId}/{z}/{x}/{y}.mvt
                get("collections/{collectionId}/tiles/WebMercatorQuad/{z}/{y}/{x}", h.tiles()::tile);
                get("tileMatrixSets", h.ogc().tiles()::tileMatrixSets);
                get("tileMatrixSets/{tileMatrixSetId}", h.ogc().tiles()::tileMatrixSet);
                get("styles/default", h.ogc().style()::style);
                // Part 4 (create, replace, update, delete): the /api editing rules, at the OGC paths
                post("collections/{collectionId}/items", h.edit()::create);
                put("collections/{collectionId}/items/{featureId}", h.edit()::replace);
                patch("collections/{collectionId}/items/{featureId}", h.edit()::patch);
                delete("collections/{collectionId}/items/{featureId}", h.edit()::delete);
            });
            path("api", () -> {
                get("hazards/near", h.spatial()::near);
                post("hazards/within", h.spatial()::within);
                get("shelters/nearest", h.spatial()::nearestShelters);
                get("stats", h.spatial()::stats);
                get("regions", h.regions()::search);
                get("regions/{code}", h.regions()::detail);
                get("regions/{code}/stats", h.regions()::stats);
                // §4 editing: /api/hazards, /api/risk_zones, /api/shelters (after hazards/near and shelters/nearest, which win)
                for (String c : EditHandler.COLLECTIONS) {
                    post(c, h.edit()::create);
                    get(c + "/{id}", h.edit()::get);
                    put(c + "/{id}", h.edit()::replace);
                    patch(c + "/{id}", h.edit()::patch);
                    delete(c + "/{id}", h.edit()::delete);
                    get(c + "/{id}/history", h.edit()::history);
                }
                get("people", h.people()::list);
                post("people", h.people()::create);
                get("people/roles", h.people()::roles); // before people/{id}, which would take "roles" for an id
                post("people/import", h.people()::importCsv);
                get("people/{id}", h.people()::get);
                put("people/{id}", h.people()::replace);
                patch("people/{id}", h.people()::patch);
                delete("people/{id}", h.people()::delete);
                get("people/{id}/history", h.people()::history);
                get("people/{id}/features", h.people()::features);
                // targeted warnings (预警叫应): fixed paths before {id}, and {id}.cap before {id}
                get("warnings", h.warnings()::list);
                post("warnings", h.warnings()::create);
                post("warnings/preview", h.warnings()::preview);
                post("warnings/import", h.cap()::importCap);
                get("warnings.atom", h.cap()::atom);
                get("warnings/{id}.cap", h.cap()::cap);
                get("warnings/{id}", h.warnings()::get);
                patch("warnings/{id}", h.warnings()::patch);
                post("warnings/{id}/issue", h.warnings()::issue);
                post("warnings/{id}/update", h.warnings()::update);
                post("warnings/{id}/cancel", h.warnings()::cancel);
                get("warnings/{id}/targets", h.warnings()::targets);
                get("warnings/{id}/board", h.warnings()::board);
                before("warnings/{id}/events", h.events()::check); // refusals as JSON, before the stream starts
                sse("warnings/{id}/events", h.events()::stream); // the board's live feed (LISTEN/NOTIFY)
                post("warnings/{id}/targets/{personId}/answer", h.ack()::deskAnswer);
                get("warnings/{id}/history", h.warnings()::history);
                // rectification of hidden dangers (隐患整改): report on a point, read, and step through the state machine
                post("hazards/{id}/rectifications", h.rectifications()::report);
                get("rectifications/{id}", h.rectifications()::get);
                post("rectifications/{id}/transitions", h.rectifications()::transition);
                // inspections (三查) from a phone, their photos, and a point's timeline of inspections, rectification steps and reviews
                post("hazards/{id}/inspections", h.inspections()::create);
                get("hazards/{id}/inspections", h.inspections()::list);
                get("hazards/{id}/timeline", h.inspections()::timeline);
                get("inspections/photos/{id}", h.inspections()::photo);
                // hidden-danger dashboard (隐患看板): by region and level, overdue, written off, weekly trend; CSV exports
                get("dashboard/hidden-dangers", h.dashboard()::dashboard);
                get("dashboard/hidden-dangers/overdue.csv", h.dashboard()::overdueCsv);
                // evacuation allocation (往哪转): households to shelters, exact min-cost max-flow
                post("evacuation/allocate", h.allocate()::allocate);
                // households (户) of the evacuation plans
                get("households", h.households()::list);
                post("households", h.households()::create);
                post("households/import", h.households()::importRegister);
                get("households/{id}", h.households()::get);
                put("households/{id}", h.households()::replace);
                delete("households/{id}", h.households()::delete);
                get("households/{id}/card", h.households()::card); // 明白卡
                get("evacuation/plans/{id}/cards", h.households()::planCards);
                get("evacuation/plans", h.plans()::list);
                post("evacuation/plans", h.plans()::create);
                get("evacuation/plans/{id}", h.plans()::get);
                put("evacuation/plans/{id}", h.plans()::replace);
                delete("evacuation/plans/{id}", h.plans()::delete);
                post("evacuation/plans/{id}/allocate", h.plans()::allocate);
                // evacuation events (转移事件): started by a warning or by hand, households' states, occupancy, live counts
                post("evacuation/plans/{id}/events", h.evacuationEvents()::start);
                get("evacuation/events", h.evacuationEvents()::list);
                get("evacuation/events/{id}", h.evacuationEvents()::get);
                get("evacuation/events/{id}/households", h.evacuationEvents()::households);
                get("evacuation/events/{id}/households/{hid}", h.evacuationEvents()::household);
                post("evacuation/events/{id}/households/{hid}/state", h.evacuationEvents()::changeState);
                post("evacuation/events/{id}/close", h.evacuationEvents()::close);
                before("evacuation/events/{id}/stream", h.evacuationFeed()::check); // refusals as JSON, before the stream starts
                sse("evacuation/events/{id}/stream", h.evacuationFeed()::stream);
                // dual control of points and zones (隐患点+风险区双控): links, suggestions from geometry, checks
                get("risk_zones/{id}/hazards", h.dualControl()::hazards);
                get("risk_zones/{id}/hazards/history", h.dualControl()::history);
                get("risk_zones/{id}/hazard-suggestions", h.dualControl()::suggestions);
                put("risk_zones/{id}/hazards/{hazardId}", h.dualControl()::link);
                delete("risk_zones/{id}/hazards/{hazardId}", h.dualControl()::unlink);
                get("dual-control/checks", h.dualControl()::checks);
                post("import", h.transfer()::importFeatures);
                get("export", h.transfer()::export);
                get("me", h.auth()::me);
                sse("events", h.featureEvents()::stream); // live map updates (issue 16): every server's edits, through LISTEN/NOTIFY
            });
            get("ack/{token}", h.ack()::page); // the one-time answer link: the token is the credential
            post("ack/{token}", h.ack()::answer);
            get("tiles/{collectionId}/{z}/{x}/{y}.mvt", h.tiles()::tile);
            get("health", h.health()::get);
            get("base-maps.json", h.baseMaps()::list); // the map page's base maps (base_maps)
            // fail-fast health (issue 17): liveness of the process, readiness of the database behind it
            get("health/live", h.health()::live);
            get("health/ready", h.health()::ready);
            get("metrics", h.metrics()::scrape); // Prometheus (issue 16): no personal data, only counts and timings
        };
    }

    /** The handler objects, built once from the application's dependencies. */
    public record Handlers(HealthHandler health, Metrics metrics, OgcHandlers ogc, SpatialHandler spatial, TileHandler tiles,
                           Auth auth, EditHandler edit, TransferHandler transfer, PeopleHandler people,
                           RegionHandler regions, WarningHandler warnings, CapHandler cap, EventsHandler events, AckHandler ack,
                           RectificationHandler rectifications, AllocateHandler allocate, InspectionHandler inspections,
                           DashboardHandler dashboard, DualControlHandler dualControl,
                           EventHandler evacuationEvents, EventFeed evacuationFeed, HouseholdHandler households, PlanHandler plans,
                           FeatureEvents featureEvents, BaseMapHandler baseMaps) {
    }
}
