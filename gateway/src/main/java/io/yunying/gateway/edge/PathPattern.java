package io.yunying.gateway.edge;

import java.util.regex.Pattern;

/** A route-table path pattern compiled once: {@code *} is one segment, a trailing {@code /**} is any rest. */
final class PathPattern {

    private final Pattern regex;

    private PathPattern(Pattern regex) {
        this.regex = regex;
    }

    static PathPattern of(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        String body = pattern;
        boolean anyRest = pattern.endsWith("/**");
        if (anyRest) {
            body = pattern.substring(0, pattern.length() - 3);
        }
        for (String part : body.split("(?=\\*)|(?<=\\*)")) {
            regex.append(part.equals("*") ? "[^/]+" : Pattern.quote(part));
        }
        regex.append(anyRest ? "(/.*)?$" : "/?$");
        return new PathPattern(Pattern.compile(regex.toString()));
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }
}
