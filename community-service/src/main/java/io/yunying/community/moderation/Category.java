package io.yunying.community.moderation;

public enum Category {
    POLITICS, PORN, VIOLENCE, ADS, ABUSE, SPAM, CUSTOM
}
