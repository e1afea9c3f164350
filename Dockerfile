# One image recipe for every service: build the jars first (./mvnw -B package -DskipTests), then
#   docker build --build-arg SERVICE=reward-service -t modomodo/reward-service .
# The PyTorch native library travels inside the rollout and trainer jars; DJL never downloads.
FROM eclipse-temurin:17-jre
ARG SERVICE
RUN useradd --system --uid 10001 modomodo && mkdir -p /data/checkpoints && chown modomodo /data/checkpoints
COPY ${SERVICE}/target/${SERVICE}-*.jar /app/service.jar
USER modomodo
# DJL extracts libtorch here on first start; a writable, per-container cache.
ENV DJL_CACHE_DIR=/tmp/djl JAVA_TOOL_OPTIONS="-Dai.djl.offline=true -XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
