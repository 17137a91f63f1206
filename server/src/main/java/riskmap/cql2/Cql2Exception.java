package riskmap.cql2;

/**
 * A filter that is not valid CQL2 text, or that this server cannot evaluate. The message says
 * where (character position) and what was expected, so the caller can fix the filter from it.
 */
public final class Cql2Exception extends RuntimeException {
    public Cql2Exception(String message) {
        super(message);
    }
}
