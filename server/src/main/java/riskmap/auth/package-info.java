/** Who is calling: API tokens (only their hashes are stored), roles, region scope, and the resolved {@link riskmap.auth.Caller}. */
package riskmap.auth;
