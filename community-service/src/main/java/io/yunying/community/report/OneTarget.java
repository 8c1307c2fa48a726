package io.yunying.community.report;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A report names exactly one target, a post or a member; the violation is reported on {@code postId}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OneTarget.Validator.class)
public @interface OneTarget {

    String message() default "name exactly one target: postId or memberId";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OneTarget, ReportResource.ReportRequest> {
        @Override
        public boolean isValid(ReportResource.ReportRequest request, ConstraintValidatorContext context) {
            if (request == null || (request.postId() == null) != (request.memberId() == null || request.memberId().isBlank())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("postId").addConstraintViolation();
            return false;
        }
    }
}
