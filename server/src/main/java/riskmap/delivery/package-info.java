/**
 * Delivery of issued warnings to their targets through channels (webhook, SMTP e-mail), answers
 * by one-time link or by the duty desk, deadlines with a retry and escalation to the next tier
 * up, and the live board with its event stream; all driven by durable jobs ({@link riskmap.jobs}).
 */
package riskmap.delivery;
