/**
 * Inspections of hazard points (三查, issue 11): 汛前排查, 汛中巡查, 汛后复查 and routine patrols
 * recorded from a phone with their result, findings, position, GPS track and photos, and a point's
 * timeline of inspections, rectification steps and reviews. Photos live in PostgreSQL with their
 * SHA-256 and the EXIF time and position they carry.
 */
package riskmap.inspection;
