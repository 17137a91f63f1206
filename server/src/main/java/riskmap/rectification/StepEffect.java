package riskmap.rectification;

import java.time.Instant;

/**
 * What one allowed step writes: the step as recorded, the rectification's deadline after it (null
 * leaves it as it is) and its pending extension request after it (null for none). Deciding this
 * apart from the SQL keeps the extension rules in one place.
 *
 * <p>A request waits until granted or refused; a grant moves the deadline to the requested one and a
 * refusal leaves it, both recording the request's reason next to the reviewer's opinion, so each
 * timeline entry reads on its own. A step out of the states that may be extended (submission) lets a
 * pending request lapse: the work is then handed in and the deadline no longer runs.
 */
record StepEffect(StepInput recorded, Instant deadline, Rectification.Extension extension) {

    static StepEffect of(Rectification r, State to, StepInput in, String actor, Instant now) {
        Rectification.Extension pending = r.extension();
        return switch (in.action()) {
            case REQUEST_EXTENSION -> new StepEffect(in, null, new Rectification.Extension(in.deadline(), in.reason(), actor, now));
            case GRANT_EXTENSION -> new StepEffect(decision(in, pending, pending.deadline()), pending.deadline(), null);
            case REFUSE_EXTENSION -> new StepEffect(decision(in, pending, null), null, null);
            default -> new StepEffect(in, in.deadline(), Transition.EXTENSIBLE.contains(to) ? pending : null);
        };
    }

    private static StepInput decision(StepInput in, Rectification.Extension request, Instant granted) {
        return new StepInput(in.action(), granted, null, in.opinion(), request.reason());
    }
}
