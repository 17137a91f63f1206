/** Targeted warnings (预警叫应): CAP 1.2 alerts over an area, their lifecycle, the people each one calls, and CAP XML and Atom for other systems. */
package riskmap.warning;
