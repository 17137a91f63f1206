/** The store: every SQL statement riskmap runs, the collection registry, and how rows are fetched. */
package riskmap.store;
