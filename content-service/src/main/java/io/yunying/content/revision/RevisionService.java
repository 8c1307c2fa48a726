package io.yunying.content.revision;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.yunying.content.item.Item;
import io.yunying.content.item.ItemService;
import io.yunying.content.pipeline.PipelineService;
import io.yunying.content.support.Actor;
import io.yunying.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

@ApplicationScoped
public class RevisionService {

    private final Pool pool;
    private final RevisionRepository revisions;
    private final ItemService items;
    private final PipelineService pipeline;

    public RevisionService(Pool pool, RevisionRepository revisions, ItemService items, PipelineService pipeline) {
        this.pool = pool;
        this.revisions = revisions;
        this.items = items;
        this.pipeline = pipeline;
    }

    public Uni<List<Revision>> list(UUID item) {
        return items.get(item).chain(() -> revisions.list(pool, item));
    }

    public Uni<Revision> get(UUID item, int number) {
        return revisions.find(pool, item, number)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("revision", item + "/" + number));
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RevisionDiff")
    public record Diff(int from, int to, List<FieldChange> fields,
                       @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "unified diff of the body, one block element per line")
                       List<String> body) {
    }

    public record FieldChange(String field, Object before, Object after) {
    }

    public Uni<Diff> diff(UUID item, int from, int to) {
        return get(item, from).chain(a -> get(item, to).map(b -> {
            List<FieldChange> fields = new ArrayList<>();
            compare(fields, "title", a.title(), b.title());
            compare(fields, "summary", a.summary(), b.summary());
            compare(fields, "coverUrl", a.coverUrl(), b.coverUrl());
            compare(fields, "mediaUrls", a.mediaUrls(), b.mediaUrls());
            compare(fields, "category", a.category(), b.category());
            compare(fields, "tags", a.tags(), b.tags());
            List<String> before = lines(a.body());
            List<String> after = lines(b.body());
            List<String> body = Objects.equals(a.body(), b.body()) ? List.of()
                    : UnifiedDiffUtils.generateUnifiedDiff("r" + from, "r" + to, before, DiffUtils.diff(before, after), 1);
            return new Diff(from, to, fields, body);
        }));
    }

    /** Restoring saves the old revision's fields as a new revision: history only grows forward. */
    public Uni<Item> restore(UUID id, int number, Long ifMatch, Actor actor) {
        return get(id, number).chain(r -> pipeline.withLockedItem(id, ifMatch, db -> item -> items.save(db, item,
                new ItemService.Fields(r.title(), r.summary(), r.body(), r.coverUrl(), r.mediaUrls(), r.category(), r.tags()),
                actor)));
    }

    private static void compare(List<FieldChange> out, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.add(new FieldChange(field, before, after));
        }
    }

    /** Sanitised HTML has no line structure of its own; one block element per line makes the diff readable. */
    private static List<String> lines(String html) {
        String broken = html.replaceAll("(</(p|h[1-6]|li|ul|ol|blockquote|pre|table|tr|figure|div)>|<br />|<hr />)", "$1\n");
        return Arrays.asList(broken.split("\n"));
    }
}
