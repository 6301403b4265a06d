package com.acme.shop.catalog;

import com.acme.events.catalog.*;
import com.acme.events.common.ClientContext;
import com.acme.events.common.Money;
import com.acme.shop.telemetry.EventPublisher;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Course pages, search, and the prices the pricing team sets. */
public final class CatalogService {

  private final EventPublisher events;
  private final Clock clock;

  public CatalogService(EventPublisher events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  public void view(String userId, String anonymousId, String courseId, DiscoverySource source, ClientContext client) {
    events.publish(anonymousId, CourseViewedEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setUserId(userId)
        .setAnonymousId(anonymousId)
        .setCourseId(courseId)
        .setSource(source)
        .setClient(client)
        .build());
  }

  public List<String> search(String userId, String anonymousId, String query, List<SearchFilter> filters, ClientContext client) {
    List<String> results = List.of("java-101", "kotlin-201");
    events.publish(anonymousId, CourseSearchedEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setUserId(userId)
        .setAnonymousId(anonymousId)
        .setQuery(query)
        .setFilters(filters)
        .setResultCount(results.size())
        .setResultPositions(Map.of(results.get(0), 1, results.get(1), 2))
        .setClient(client)
        .build());
    return results;
  }

  public void changePrice(String courseId, Money oldPrice, Money newPrice, String changedBy) {
    events.publish(courseId, CoursePriceChangedEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setCourseId(courseId)
        .setOldPrice(oldPrice)
        .setNewPrice(newPrice)
        .setEffectiveFrom(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
        .setChangedBy(changedBy)
        .build());
  }
}
