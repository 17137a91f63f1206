/** Writing features: the editable schema of each table, validation of incoming features (API and import alike), If-Match versions. */
package riskmap.edit;
