package riskmap.config;

/** A setting or machine state riskmap cannot start with; the message says what is wrong and how to fix it. */
public class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }
}
