# Herald in a container: docker build -t herald . && docker run -p 8080:8080 -e HERALD_PUBLISHER_JWT_KEY=... herald
# Build stage: the reactor's runnable jar (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests -pl herald-server -am

# Runtime: a JRE, the jar and its launcher, a user without privileges.
FROM eclipse-temurin:25-jre
RUN groupadd --system herald \
    && useradd --system --gid herald --home-dir /var/lib/herald --create-home --shell /usr/sbin/nologin herald
COPY --from=build /src/herald-server/target/herald.jar /opt/herald/lib/herald.jar
COPY bin/herald /opt/herald/bin/herald
USER herald
WORKDIR /var/lib/herald
# Log shippers read one JSON object per line; the heap follows the container's memory limit.
ENV HERALD_LOG_FORMAT=json \
    HERALD_JAVA_OPTS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
# Plain bash, no curl needed in the image: alive when /healthz answers 200.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGTERM (docker stop) ends every stream with a jittered retry: and Herald exits 0 within seconds.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/herald/bin/herald"]
