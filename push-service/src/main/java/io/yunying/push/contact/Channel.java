package io.yunying.push.contact;

/** The ways a contact can be reached; consent is given per channel (and per topic inside one). */
public enum Channel {
    PUSH, EMAIL, SMS, IN_APP
}
