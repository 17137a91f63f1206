/**
 * Dual control of hazard points and risk zones (隐患点+风险区双控, issue 11): which points each zone
 * answers for (suggested from geometry by PostGIS, confirmed by an editor, recorded in the change
 * history) and the checks that list where points and zones disagree.
 */
package riskmap.dualcontrol;
