package com.acme.shop.learning;

import com.acme.events.common.ClientContext;
import com.acme.events.learning.LessonCompletedEvent;
import com.acme.events.learning.LessonFormat;
import com.acme.events.learning.LessonStartedEvent;
import com.acme.events.learning.quiz.QuizAnswer;
import com.acme.events.learning.video.VideoPlaybackHeartbeatEvent;
import com.acme.events.learning.video.VideoQuality;
import com.acme.shop.telemetry.EventPublisher;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Lessons, quizzes and the video player. */
public final class LearningService {

  private final EventPublisher events;
  private final Clock clock;

  public LearningService(EventPublisher events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  public void startLesson(String userId, String courseId, String lessonId, LessonFormat format, int position,
      ClientContext client) {
    events.publish(userId, LessonStartedEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setUserId(userId)
        .setCourseId(courseId)
        .setLessonId(lessonId)
        .setFormat(format)
        .setPosition(position)
        .setClient(client)
        .build());
  }

  public void completeLesson(String userId, String courseId, String lessonId, LessonFormat format, Duration timeSpent,
      boolean lastLessonOfCourse, ClientContext client) {
    events.publish(userId, LessonCompletedEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setUserId(userId)
        .setCourseId(courseId)
        .setLessonId(lessonId)
        .setFormat(format)
        .setTimeSpentSeconds(timeSpent.toSeconds())
        .setCourseCompleted(lastLessonOfCourse)
        .setClient(client)
        .build());
  }

  public BigDecimal submitQuiz(String userId, String courseId, String quizId, int attempt, List<QuizAnswer> answers,
      Duration duration, ClientContext client) {
    long correct = answers.stream().filter(QuizAnswer::getCorrect).count();
    BigDecimal score = BigDecimal.valueOf(correct * 100).divide(BigDecimal.valueOf(Math.max(1, answers.size())), 2,
        RoundingMode.HALF_UP);
    // The quiz package's event is named by its full name here: the class Avro generates from quiz_events.avdl.
    events.publish(userId, com.acme.events.learning.quiz.QuizSubmittedEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(clock.instant())
        .setUserId(userId)
        .setCourseId(courseId)
        .setQuizId(quizId)
        .setAttempt(attempt)
        .setAnswers(answers)
        .setScorePercent(score)
        .setDurationMs(duration.toMillis())
        .setClient(client)
        .build());
    return score;
  }

  public VideoPlayer play(String userId, String lessonId, String videoId, ClientContext client) {
    return new VideoPlayer(events, clock, userId, lessonId, videoId, client);
  }

  /** Sends a heartbeat every so often while a video plays. */
  public void heartbeat(UUID playbackSession, String videoId, Duration position, VideoQuality quality, double bitrateKbps) {
    var heartbeat = new VideoPlaybackHeartbeatEvent();
    heartbeat.setPlaybackSessionId(playbackSession);
    heartbeat.setOccurredAt(clock.instant());
    heartbeat.setVideoId(videoId);
    heartbeat.setPositionMs(position.toMillis());
    heartbeat.setQuality(quality);
    heartbeat.setBitrateKbps(bitrateKbps);
    events.publish(playbackSession.toString(), heartbeat);
  }
}
