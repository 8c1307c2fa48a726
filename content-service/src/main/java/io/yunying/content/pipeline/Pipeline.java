package io.yunying.content.pipeline;

import io.yunying.platform.problem.ProblemException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers whether an action is legal from a state, and says what is legal when it is not. */
public final class Pipeline {

    private Pipeline() {
    }

    public static List<Action> allowedFrom(ContentState state) {
        return Arrays.stream(Action.values()).filter(a -> a.from().contains(state)).toList();
    }

    public static void check(ContentState current, Action action) {
        if (!action.from().contains(current)) {
            throw illegal(current, action);
        }
    }

    public static ProblemException illegal(ContentState current, Action action) {
        List<Action> allowed = allowedFrom(current);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("currentState", current.name());
        properties.put("action", action.name());
        properties.put("allowedActions", allowed.stream().map(Enum::name).toList());
        properties.put("allowedStates", allowed.stream().map(a -> a.to().name()).distinct().toList());
        return ProblemException.conflict("illegal-transition", "Illegal state change",
                "cannot " + action.name() + " an item that is " + current.name() + "; allowed: "
                        + (allowed.isEmpty() ? "nothing, the state is final" : allowed.stream().map(Enum::name).toList()),
                properties);
    }
}
