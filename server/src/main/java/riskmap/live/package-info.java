/** Live map updates: every change to a layer, on whichever server it was made, streamed to open map pages. */
package riskmap.live;
