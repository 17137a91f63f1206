/** Evacuation events (转移事件): a plan put into action by a warning or by hand, its households' states, shelter occupancy and live counts. */
package riskmap.evacuation.event;
