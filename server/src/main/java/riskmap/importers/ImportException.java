package riskmap.importers;

import riskmap.domain.ApiException;

/** A whole input that cannot be imported (not a row of it): unreadable file, unknown CRS, missing columns. */
public final class ImportException extends ApiException {
    public ImportException(String detail) {
        super(400, "invalid_import", detail);
    }
}
