/** Configuration: every setting, its default and where it can be overridden, in one record. */
package riskmap.config;
