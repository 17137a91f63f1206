package riskmap.rectification;

import riskmap.auth.Action;

/**
 * The caller's rights as the store asks for them once it has locked the rectification: first the
 * point's scope (403), and only after the state allowed the step (409) the action that step needs
 * there (403) — a rejection needs the county's review before the county accepted, the city's after.
 */
interface Access {
    void inScope(String adminCode);

    void holds(Action needed);
}
