package riskmap.cli;

/** A command line that cannot be run as given; the message says how to fix it. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
