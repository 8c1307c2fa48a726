package io.yunying.push.contact;

/** The device platform a contact mostly uses; decides which push provider reaches them. */
public enum Platform {
    IOS, ANDROID, HARMONY, WEB, MINI_PROGRAM
}
