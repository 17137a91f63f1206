"""What QGIS (Debian's python3-qgis, headless) makes of a riskmap server, printed as one JSON object.

Usage: /usr/bin/python3 qgis_client.py BASE_URL TOKEN FEATURE_ID NEW_NAME

- every OGC API – Features collection through QGIS's OAPIF provider: valid, and the features it pages through;
- the hazards vector tiles through QgsVectorTileLayer, rendered offscreen: pixels drawn over the data, none over empty sea;
- an edit: QGIS 3.22's OAPIF provider is read-only (editing arrived in later QGIS), so the feature is replaced with
  OGC API – Features Part 4 PUT through QGIS's own network stack (QgsBlockingNetworkRequest, with If-Match), and a
  fresh OAPIF layer reads the new value back.
RiskmapQgisTest runs it and checks every figure against SQL.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.PyQt.QtCore import QByteArray, QSize, QUrl
from qgis.PyQt.QtGui import QColor, QImage
from qgis.PyQt.QtNetwork import QNetworkRequest
from qgis.core import (QgsApplication, QgsBlockingNetworkRequest, QgsCoordinateReferenceSystem, QgsCoordinateTransform,
                       QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsRectangle, QgsVectorLayer, QgsVectorTileLayer, Qgis)

base, token, feature_id, new_name = sys.argv[1:5]
app = QgsApplication([], False)
app.setPrefixPath("/usr", True)
app.initQgis()
out = {"qgis": Qgis.QGIS_VERSION, "collections": {}}


def request(url, accept="application/json"):
    r = QNetworkRequest(QUrl(url))
    r.setRawHeader(b"Accept", accept.encode())
    return r


def get_json(url):
    net = QgsBlockingNetworkRequest()
    if net.get(request(url)) != QgsBlockingNetworkRequest.NoError:
        raise SystemExit(f"GET {url}: {net.errorMessage()}")
    return json.loads(bytes(net.reply().content()).decode("utf-8")), net.reply()


def oapif(collection):
    return QgsVectorLayer(f"url='{base}/ogc' typename='{collection}' restrictToRequestBBOX='0' pageSize='1000'", collection, "OAPIF")


collections, _ = get_json(base + "/ogc/collections")
for c in collections["collections"]:
    layer = oapif(c["id"])
    ids = [f["id"] for f in layer.getFeatures()] if layer.isValid() else []
    out["collections"][c["id"]] = {"valid": layer.isValid(), "features": len(ids), "distinct_ids": len(set(ids)),
                                    "geometry": layer.geometryType() if layer.isValid() else None}


def drawn_pixels(layer, west, south, east, north):
    """Pixels not white in a 512×512 offscreen render of layer over the WGS 84 box (every other pixel sampled)."""
    to_3857 = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:3857"), QgsProject.instance())
    s = QgsMapSettings()
    s.setLayers([layer])
    s.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    s.setExtent(to_3857.transformBoundingBox(QgsRectangle(west, south, east, north)))
    s.setOutputSize(QSize(512, 512))
    s.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(s)
    job.start()
    job.waitForFinished()
    img = job.renderedImage().convertToFormat(QImage.Format_RGB32)
    white = QColor(255, 255, 255).rgb()
    return sum(1 for y in range(0, 512, 2) for x in range(0, 512, 2) if img.pixel(x, y) != white)


tiles = QgsVectorTileLayer(f"type=xyz&url={base}/tiles/hazards/{{z}}/{{x}}/{{y}}.mvt&zmin=0&zmax=16", "hazard tiles")
bbox = [float(v) for v in sys.argv[5:9]] if len(sys.argv) >= 9 else None
out["tiles"] = {"valid": tiles.isValid(),
                "pixels_over_data": drawn_pixels(tiles, *bbox) if bbox else None,
                "pixels_over_sea": drawn_pixels(tiles, 150.0, -40.0, 151.0, -39.0)}

# the edit: GET with its ETag, PUT the changed feature with If-Match, read it back through a new OAPIF layer
item_url = f"{base}/ogc/collections/hazards/items/{feature_id}"
feature, reply = get_json(item_url)
etag = bytes(reply.rawHeader(b"ETag")).decode()
feature["properties"]["name"] = new_name
put = request(item_url, "application/geo+json")
put.setRawHeader(b"Content-Type", b"application/geo+json")
put.setRawHeader(b"Authorization", f"Bearer {token}".encode())
put.setRawHeader(b"If-Match", etag.encode())
net = QgsBlockingNetworkRequest()
net.put(put, QByteArray(json.dumps(feature, ensure_ascii=False).encode("utf-8")))
status = net.reply().attribute(QNetworkRequest.HttpStatusCodeAttribute)
stale = QgsBlockingNetworkRequest()
stale.put(put, QByteArray(json.dumps(feature, ensure_ascii=False).encode("utf-8")))  # the same ETag again: now stale
reread = oapif("hazards")
names = [f["name"] for f in reread.getFeatures() if f["id"] == feature_id]
out["edit"] = {"status": status, "stale_status": stale.reply().attribute(QNetworkRequest.HttpStatusCodeAttribute),
               "name_read_back": names[0] if names else None}
print(json.dumps(out, ensure_ascii=False), flush=True)
os._exit(0)  # QGIS 3.22's exitQgis() can crash when Qt tears down offscreen; everything is printed already
