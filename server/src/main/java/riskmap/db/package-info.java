/** The database itself: the private PostGIS cluster, the connection pool, migrations and demo seeds. */
package riskmap.db;
