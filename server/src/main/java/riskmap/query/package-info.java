/** Use cases: what evacuation teams, warning desks and planners ask, as validated records in metres and degrees. */
package riskmap.query;
