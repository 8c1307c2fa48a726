package io.yunying.gateway.edge;

import java.util.Set;

/** Who is calling through the gateway, once their token verified; {@code bearer} is what the services get. */
public record Caller(String subject, String name, Set<String> roles, String bearer) {
}
