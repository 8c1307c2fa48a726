package io.yunying.content.item;

/** The form a piece of content takes. */
public enum ContentType {
    ARTICLE, POST, VIDEO, AUDIO, GALLERY, LINK
}
