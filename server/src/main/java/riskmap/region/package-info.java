/** China's administrative hierarchy (province → city → county → township → village): reference data, search, detail and roll-ups. */
package riskmap.region;
