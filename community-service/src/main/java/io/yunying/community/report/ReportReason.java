package io.yunying.community.report;

/** Why a member reports a post (Mastodon-style categories). */
public enum ReportReason {
    SPAM, ABUSE, HARASSMENT, PORN, VIOLENCE, POLITICS, ILLEGAL, MISINFORMATION, OTHER
}
