/** OGC API – Features: landing page, conformance, collections and items for GIS tools. */
package riskmap.ogc;
