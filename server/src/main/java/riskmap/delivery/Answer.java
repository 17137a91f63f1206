package riskmap.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a target can answer, and the state it moves the target to: 收到 (received) and 需要支援
 * (need support) acknowledge, 已到岗 (on duty) says the person is at their post.
 */
public enum Answer {
    RECEIVED("received", "收到", "Received", "acknowledged"),
    ON_DUTY("on_duty", "已到岗", "On duty", "on_duty"),
    NEED_SUPPORT("need_support", "需要支援", "Need support", "acknowledged");

    private final String id;
    private final String zh;
    private final String en;
    private final String state;

    Answer(String id, String zh, String en, String state) {
        this.id = id;
        this.zh = zh;
        this.en = en;
        this.state = state;
    }

    public String id() {
        return id;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** The target state this answer moves to. */
    public String state() {
        return state;
    }

    public static Optional<Answer> parse(String s) {
        return Arrays.stream(values()).filter(a -> a.id.equals(s) || a.zh.equals(s)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Answer::id).toList();
    }
}
