package io.yunying.push.contact;

public enum Gender {
    FEMALE, MALE, OTHER, UNDISCLOSED
}
