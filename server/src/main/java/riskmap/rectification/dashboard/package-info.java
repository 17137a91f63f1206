/**
 * The hidden-danger dashboard (隐患排查治理看板, issue 11): open rectifications by region and risk
 * level, the overdue list, write-offs this month and the weekly trend, rolled up at any region
 * level and kept to the caller's scope; CSV exports of its lists with Chinese headers.
 */
package riskmap.rectification.dashboard;
