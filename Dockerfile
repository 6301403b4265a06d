# syntax=docker/dockerfile:1
#
# The ESM webhook service (or any esm command):
#   docker build -t esm .
#   docker run --rm -p 8080:8080 -e ESM_WEBHOOK_SECRET=... -e GITHUB_TOKEN=... \
#     -e DD_API_KEY=... -e DD_APP_KEY=... -e ESM_CONFIG=/etc/esm/esm.yaml \
#     -v "$PWD/esm.yaml:/etc/esm/esm.yaml:ro" esm
#   docker run --rm -v "$PWD:/work" -w /work esm render schemas
# See docs/operations.md.

# ---- build: the same command as the README's; the archive is esm-dist/target/esm-<version>.tar.gz
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B package -DskipTests
RUN mkdir -p /opt/esm \
 && tar -xzf esm-dist/target/esm-*.tar.gz -C /opt/esm --strip-components=1 \
 && /opt/esm/bin/esm --version

# ---- runtime: a JRE, curl for the health check, and the unpacked archive
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 esm \
 && useradd --system --uid 10001 --gid esm --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin esm \
 && mkdir -p /var/lib/esm && chown 10001:10001 /var/lib/esm
COPY --from=build /opt/esm /opt/esm

ENV ESM_PORT=8080 \
    ESM_DATA_DIR=/var/lib/esm \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# The embedded database (the default, one replica): keep it on a volume. With ESM_DATABASE_URL it is unused.
VOLUME /var/lib/esm
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${ESM_PORT:-8080}/healthz" || exit 1
# bin/esm execs java, so the JVM is PID 1's process and receives SIGTERM directly.
ENTRYPOINT ["/opt/esm/bin/esm"]
CMD ["serve"]
