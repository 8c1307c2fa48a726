package io.yunying.content.item;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class ContentItemRepository implements PanacheRepositoryBase<ContentItem, UUID> {
}
