package io.yunying.community.board;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A board (circle): the place where a community's posts live. */
@Entity
@Table(name = "board")
public class Board {

    @Id
    public UUID id;

    public String slug;

    public String name;

    public String description;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;
}
