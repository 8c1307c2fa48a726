package io.yunying.push.consent;

public enum ConsentStatus {
    SUBSCRIBED, UNSUBSCRIBED
}
