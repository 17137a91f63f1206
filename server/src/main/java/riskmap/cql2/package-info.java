/** CQL2 text (OGC 21-065): a recursive-descent parser from filter text to an immutable expression tree. */
package riskmap.cql2;
