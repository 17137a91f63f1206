/** Bulk import and export: reading GeoJSON, CSV and GeoPackage as a stream of rows, checking them, and writing the three formats back out. */
package riskmap.importers;
