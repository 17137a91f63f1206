/**
 * Rectification of hidden dangers (隐患整改, issue 11): a state machine from report through order
 * (deadline and 包保 responsible person), rectifying — with extensions requested and granted or
 * refused by the county — submission, county and city review, to write-off (销号).
 * {@link riskmap.rectification.Transition} is the one table of allowed steps;
 * {@link riskmap.rectification.RectificationStore} keeps the rows and the point's status in step.
 */
package riskmap.rectification;
