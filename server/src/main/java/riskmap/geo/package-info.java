/** Geometry in Java (JTS): checking areas clients send before they reach PostGIS. */
package riskmap.geo;
