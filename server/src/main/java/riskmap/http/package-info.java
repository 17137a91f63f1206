/** The HTTP layer: the route table, handlers that parse → ask → write, and the one error mapper. */
package riskmap.http;
