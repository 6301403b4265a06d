package com.acme.shop.learning;

import com.acme.events.common.ClientContext;
import com.acme.events.learning.video.*;
import com.acme.shop.telemetry.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** One playback of a lesson's video. */
public final class VideoPlayer {

  private final EventPublisher events;
  private final Clock clock;
  private final String userId;
  private final String lessonId;
  private final String videoId;
  private final ClientContext client;
  private final UUID session = UUID.randomUUID();

  VideoPlayer(EventPublisher events, Clock clock, String userId, String lessonId, String videoId, ClientContext client) {
    this.events = events;
    this.clock = clock;
    this.userId = userId;
    this.lessonId = lessonId;
    this.videoId = videoId;
    this.client = client;
  }

  public UUID start(VideoQuality quality, Duration startupTime, Duration resumeAt) {
    var started = VideoPlaybackStartedEvent.newBuilder()
        .setEventId(session)
        .setOccurredAt(clock.instant())
        .setUserId(userId)
        .setLessonId(lessonId)
        .setVideoId(videoId)
        .setQuality(quality)
        .setStartupTimeMs((int) startupTime.toMillis())
        .setResumePositionMs(resumeAt == null ? null : resumeAt.toMillis())
        .setClient(client);
    events.publish(userId, started.build());
    return session;
  }
}
