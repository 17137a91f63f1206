/** People on duty (责任人名录): the registry of responsible persons, its validation, SQL, import and HTTP handlers. */
package riskmap.people;
