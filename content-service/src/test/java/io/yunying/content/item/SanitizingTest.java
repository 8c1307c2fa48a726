package io.yunying.content.item;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.yunying.content.Api;
import io.yunying.content.FakeCommunity;
import io.yunying.testsupport.PostgresTestResource;
import io.yunying.testsupport.Sql;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FakeCommunity.class)
class SanitizingTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script><p>ok</p>",
            "<p>ok</p><img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">ok</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">ok</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">ok</a>",
            "<a href=\" javascript:alert(1)\">ok</a>",
            "<svg onload=alert(1)><p>ok</p></svg>",
            "<iframe src=\"https://evil.example\"></iframe><p>ok</p>",
            "<p style=\"background:url(javascript:alert(1))\" onclick=\"alert(1)\">ok</p>",
            "<img src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"><p>ok</p>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<form action=\"javascript:alert(1)\"><input type=submit></form><p>ok</p>",
            "<object data=\"javascript:alert(1)\"></object><p>ok</p>",
            "<body onload=alert(1)><p>ok</p>",
            "<p>ok</p><scr<script>ipt>alert(1)</script>",
            "<div><a href=\"vbscript:msgbox(1)\">ok</a></div>"
    })
    void noScriptEventHandlerOrScriptUrlSurvives(String hostile) {
        String id = Api.draft("恶意正文", null);
        Api.edit(id, Map.of("title", "恶意正文", "body", hostile)).statusCode(200);
        String stored = Sql.string("select body from content_item where id = ?", UUID.fromString(id)).toLowerCase(Locale.ROOT);
        assertFalse(stored.contains("<script"), stored);
        assertFalse(stored.contains("javascript:"), stored);
        assertFalse(stored.contains("vbscript:"), stored);
        assertFalse(stored.matches("(?s).*\\son[a-z]+\\s*=.*"), stored);
        assertFalse(stored.contains("<iframe") || stored.contains("<object") || stored.contains("<svg") || stored.contains("<form"), stored);
        assertFalse(stored.contains("data:text/html"), stored);
        assertFalse(stored.contains("style="), stored);
    }

    @Test
    void ordinaryRichTextIsKept() {
        String id = Api.draft("正常正文", null);
        String html = "<h2>标题</h2><p>一段<b>加粗</b>和<a href=\"https://example.com/a\">链接</a></p><ul><li>一</li></ul>"
                + "<img src=\"https://cdn.example.com/a.png\" alt=\"图\" />";
        Api.edit(id, Map.of("title", "正常正文", "body", html)).statusCode(200);
        String stored = Sql.string("select body from content_item where id = ?", UUID.fromString(id));
        assertTrue(stored.contains("<h2>标题</h2>"), stored);
        assertTrue(stored.contains("<b>加粗</b>"), stored);
        assertTrue(stored.contains("href=\"https://example.com/a\""), stored);
        assertTrue(stored.contains("<li>一</li>"), stored);
        assertTrue(stored.contains("src=\"https://cdn.example.com/a.png\""), stored);
    }

    @Test
    void coverAndMediaUrlsMustBeHttp() {
        String id = Api.draft("封面", null);
        Api.edit(id, Map.of("title", "封面", "coverUrl", "javascript:alert(1)", "mediaUrls", java.util.List.of("data:x")))
                .statusCode(400)
                .body("errors.size()", equalTo(2));
    }
}
