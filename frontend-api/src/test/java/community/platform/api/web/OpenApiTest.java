package community.platform.api.web;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;

class OpenApiTest extends ApiTest {

    @Test
    void theApiDescribesItself() {
        web.get().uri("/v3/api-docs").exchange()
           .expectStatus().isOk()
           .expectBody()
           .jsonPath("$.paths['/api/accounts'].post").exists()
           .jsonPath("$.paths['/api/admin/accounts/{username}/roles'].post").exists();
    }

    @Test
    void aBrowsableUiIsServed() {
        web.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }
}
