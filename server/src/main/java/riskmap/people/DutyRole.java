package riskmap.people;

/**
 * One duty a person can hold (县级防汛责任人, 网格员, …), as listed in the {@code duty_role} table —
 * the one place the roles and their labels are kept.
 */
public record DutyRole(String id, String nameZh, String nameEn) {
}
