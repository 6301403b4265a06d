package dev.esm.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's whole body before any thread is given to it, so that slow clients cannot
 * hold the server's threads: the body is collected as it arrives (no thread waits for it), at most
 * {@code maxBytes}, within {@code deadline}. Only then is the request handed on, its body in
 * memory. A body too large or too slow is handed on empty, marked with {@link #TOO_LARGE} or
 * {@link #TOO_SLOW}, for the handler to answer (and count) without reading anything.
 */
final class WholeBodyHandler extends Handler.Wrapper {

  static final String TOO_LARGE = "esm.body.too_large";
  static final String TOO_SLOW = "esm.body.too_slow";

  private final long maxBytes;
  private final Duration deadline;

  WholeBodyHandler(long maxBytes, Duration deadline) {
    this.maxBytes = maxBytes;
    this.deadline = deadline;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!HttpMethod.POST.is(request.getMethod())) {
      return super.handle(request, response, callback);
    }
    new Loader(request, response, callback).start();
    return true;
  }

  /** How much of a too-large body is read and dropped before answering 413. */
  private long drainLimit() {
    return maxBytes * 4;
  }

  private final class Loader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Scheduler.Task timer;
    private boolean tooLarge;
    private long dropped;
    /** The thread Jetty gave {@code handle}, while {@link #start} runs on it: a body already here is handled there. */
    private volatile Thread starting;

    Loader(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    void start() {
      if (request.getLength() > drainLimit()) {
        finish(TOO_LARGE);
        return;
      }
      timer = request.getComponents().getScheduler().schedule(() -> finish(TOO_SLOW), deadline.toMillis(), TimeUnit.MILLISECONDS);
      starting = Thread.currentThread();
      try {
        run();
      } finally {
        starting = null;
      }
    }

    /** Reads what has arrived, then asks to be called again when more does. */
    @Override
    public void run() {
      while (!done.get()) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          if (done.compareAndSet(false, true)) {
            cancelTimer();
            callback.failed(chunk.getFailure());
          }
          return;
        }
        ByteBuffer buffer = chunk.getByteBuffer();
        boolean last = chunk.isLast();
        if (tooLarge || body.size() + (long) buffer.remaining() > maxBytes) {
          // Read on and drop the rest (up to a bound) so the client, still sending, gets the
          // 413 instead of a connection reset.
          tooLarge = true;
          dropped += buffer.remaining();
          chunk.release();
          if (last || body.size() + dropped > drainLimit()) {
            finish(TOO_LARGE);
            return;
          }
          continue;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        body.write(bytes, 0, bytes.length);
        chunk.release();
        if (last) {
          finish(null);
          return;
        }
      }
    }

    private void finish(String problem) {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      cancelTimer();
      Request next = new BufferedRequest(request, problem == null ? body.toByteArray() : new byte[0]);
      if (problem != null) {
        next.setAttribute(problem, Boolean.TRUE);
      }
      Runnable handle = () -> {
        try {
          if (!getHandler().handle(next, response, callback)) {
            Response.writeError(next, response, callback, HttpStatus.NOT_FOUND_404);
          }
        } catch (Throwable t) {
          Response.writeError(next, response, callback, t);
        }
      };
      if (problem == null && starting == Thread.currentThread()) {
        // The whole body came with the request (the usual case): no second thread, no hand-over.
        handle.run();
      } else {
        // Handled on a worker of the server: this may be the scheduler's or a selector's thread.
        request.getComponents().getExecutor().execute(handle);
      }
    }

    private void cancelTimer() {
      Scheduler.Task task = timer;
      if (task != null) {
        task.cancel();
      }
    }
  }

  /** The request with its body already read. */
  private static final class BufferedRequest extends Request.Wrapper {
    private Content.Chunk content;

    BufferedRequest(Request request, byte[] body) {
      super(request);
      this.content = Content.Chunk.from(ByteBuffer.wrap(body), true);
    }

    @Override
    public synchronized Content.Chunk read() {
      Content.Chunk next = content;
      content = Content.Chunk.EOF;
      return next;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }
  }
}
