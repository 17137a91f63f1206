/** The model's vocabulary shared by every layer: collections, risk levels, refused requests. */
package riskmap.domain;
