/** Streaming GeoJSON output: features are written to the socket as rows arrive. */
package riskmap.geojson;
