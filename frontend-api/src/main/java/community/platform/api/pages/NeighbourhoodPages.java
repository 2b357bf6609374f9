package community.platform.api.pages;

import community.platform.api.neighbourhoods.NeighbourhoodReport;
import community.platform.api.neighbourhoods.Neighbourhoods;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sub-district's totals by neighbourhood, for ADMINs: volunteer hours as a chart and a table. */
@Controller
class NeighbourhoodPages {

    private final Neighbourhoods neighbourhoods;

    NeighbourhoodPages(Neighbourhoods neighbourhoods) {
        this.neighbourhoods = neighbourhoods;
    }

    @GetMapping("/admin/neighbourhoods")
    Mono<Rendering> report() {
        return neighbourhoods.report().map(rows -> {
            Map<String, BigDecimal> hours = new LinkedHashMap<>();
            rows.forEach(row -> hours.put(row.name(), row.hours()));
            return Rendering.view("admin/neighbourhoods").modelAttribute("rows", rows)
                            .modelAttribute("chart", BarChart.of(hours))
                            .modelAttribute("total", rows.stream().map(NeighbourhoodReport::hours)
                                                         .reduce(BigDecimal.ZERO, BigDecimal::add))
                            .build();
        });
    }
}
