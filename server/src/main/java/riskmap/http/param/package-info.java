/** Request parameters: parsing and checking, with errors that say how to fix the request. */
package riskmap.http.param;
