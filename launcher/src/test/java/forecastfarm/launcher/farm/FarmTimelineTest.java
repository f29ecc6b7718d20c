package forecastfarm.launcher.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FarmTimelineTest {
    @Test
    void marksAreMillisecondsSinceTheOriginInTimeOrderFirstOrLatest() {
        final AtomicLong nowMs = new AtomicLong(1_000);
        final FarmTimeline timeline = new FarmTimeline(900, nowMs::get);
        timeline.mark("b");
        nowMs.set(1_050);
        timeline.markLatest("last");
        timeline.mark("b");
        nowMs.set(1_020);
        timeline.mark("a");
        nowMs.set(1_400);
        timeline.markLatest("last");
        final Map<String, Long> marks = timeline.toMap();
        assertEquals(List.of("b", "a", "last"), List.copyOf(marks.keySet()));
        assertEquals(100, marks.get("b"), "the first mark counts");
        assertEquals(120, marks.get("a"));
        assertEquals(500, marks.get("last"), "markLatest keeps the last");
    }
}
