package io.yunying.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Turns every exception that reaches a resource boundary into a problem+json response. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Problems problems;

    public ProblemMappers(Problems problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return problems.response(problems.of(e, request.path()));
    }

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage(), null))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return invalid(request, errors);
    }

    @ServerExceptionMapper
    public Response unknownValue(InvalidFormatException e, HttpServerRequest request) {
        Class<?> target = e.getTargetType();
        String message;
        if (target != null && target.isEnum()) {
            String allowed = Arrays.stream(target.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
            message = "unknown value; allowed: " + allowed;
        } else {
            message = "cannot be read as " + (target == null ? "the expected type" : simpleTypeName(target));
        }
        return invalid(request, List.of(new Problem.FieldError(pathOf(e), message, safeValue(e.getValue()))));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        return invalid(request, List.of(new Problem.FieldError(pathOf(e), "unknown field", null)));
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, HttpServerRequest request) {
        if (e.getTargetType() == null && e.getPath().isEmpty()) {
            return malformed(request, "the request body is missing or is not a JSON document");
        }
        String expected = e.getTargetType() == null ? "another type" : simpleTypeName(e.getTargetType());
        return invalid(request, List.of(new Problem.FieldError(pathOf(e), "expected " + expected, null)));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, HttpServerRequest request) {
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return malformed(request, "the request body is not valid JSON" + where);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        Response original = e.getResponse();
        if (original.hasEntity() && Problem.MEDIA_TYPE.equals(String.valueOf(original.getMediaType()))) {
            return original;
        }
        int status = original.getStatus();
        Throwable cause = e.getCause();
        if (status == 400 && cause instanceof JsonProcessingException json) {
            return json instanceof MismatchedInputException mismatch ? wrongShape(mismatch, request) : malformedJson(json, request);
        }
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family == Response.Status.Family.SERVER_ERROR) {
            LOG.errorf(e, "request %s %s failed", request.method(), request.path());
        }
        String detail = status == 404 ? "no resource at " + request.path()
                : status == 405 ? request.method() + " is not allowed on " + request.path()
                : family == Response.Status.Family.SERVER_ERROR ? "the request could not be completed" : e.getMessage();
        Response.ResponseBuilder answer = Response.fromResponse(problems.response(problems.forStatus(status, detail, request.path())));
        original.getHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Allow") || name.equalsIgnoreCase("Retry-After")) {
                values.forEach(v -> answer.header(name, v));
            }
        });
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "request %s %s failed", request.method(), request.path());
        return problems.response(problems.of(500, "internal", "Internal error",
                "the request could not be completed; quote the request id when reporting it", request.path()));
    }

    private Response invalid(HttpServerRequest request, List<Problem.FieldError> errors) {
        return problems.response(problems.invalid(errors, request.path()));
    }

    private Response malformed(HttpServerRequest request, String detail) {
        return problems.response(problems.of(400, "malformed-body", "Malformed request body", detail, request.path()));
    }

    /** The part of a violation's path a client knows: a body field, or a parameter's name. */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null && kind != ElementKind.CONTAINER_ELEMENT) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter == null ? "request" : parameter;
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static Object safeValue(Object value) {
        if (value instanceof String s) {
            return s.length() > 100 ? s.substring(0, 100) + "…" : s;
        }
        return value instanceof Number || value instanceof Boolean ? value : null;
    }

    private static String simpleTypeName(Class<?> type) {
        if (type == String.class || type == char.class || type == Character.class) return "text";
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) return "an ISO-8601 date-time";
        if (type == java.util.UUID.class) return "a UUID";
        return "an object";
    }
}
