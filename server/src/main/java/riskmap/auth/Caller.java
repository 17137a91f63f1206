package riskmap.auth;

/**
 * The party behind one request, resolved once from its token (or its lack of one).
 *
 * <p>Anonymous callers read without personal data; any token-holder reads with it. Writing needs
 * {@link Role#EDITOR} or {@link Role#ADMIN}; an editor with a region writes only features whose
 * {@code admin_code} starts with that region (the GB/T 2260 prefix, e.g. {@code 5001} = 重庆市辖区).
 *
 * @param tokenId token id, or 0 when anonymous
 * @param name    the token's name: the actor recorded in the change history
 * @param role    null when anonymous
 * @param region  admin-code prefix the caller may write, or null for anywhere
 */
public record Caller(int tokenId, String name, Role role, String region) {
    public static final Caller ANONYMOUS = new Caller(0, "anonymous", null, null);

    public boolean isAnonymous() {
        return role == null;
    }

    /** True when responsible_phone and other personal data may be returned. */
    public boolean seesPersonalData() {
        return role != null;
    }

    public boolean canWrite() {
        return role == Role.EDITOR || role == Role.ADMIN;
    }

    /** True when this caller may write a feature with {@code adminCode} (null: a feature without one). */
    public boolean mayWriteIn(String adminCode) {
        if (!canWrite()) return false;
        if (role == Role.ADMIN || region == null) return true;
        return adminCode != null && adminCode.startsWith(region);
    }
}
