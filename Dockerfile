# One image recipe for every service: build the jars first (./mvnw -B package -DskipTests), then
#   docker build --build-arg SERVICE=reward-service -t modomodo/reward-service .
# The PyTorch native library travels inside the rollout and trainer jars; DJL never downloads.
# Runs as uid/gid 10001, as the Kubernetes manifests' securityContext expects, and needs only /tmp
# (and DJL_CACHE_DIR) writable: the manifests and compose mount the root filesystem read-only.
FROM eclipse-temurin:17-jre
ARG SERVICE
RUN groupadd --system --gid 10001 modomodo \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /tmp modomodo \
 && mkdir -p /data/checkpoints && chown 10001:10001 /data/checkpoints
COPY ${SERVICE}/target/${SERVICE}-*.jar /app/service.jar
USER 10001:10001
WORKDIR /tmp
# DJL extracts libtorch here on first start; a writable, per-container cache.
ENV DJL_CACHE_DIR=/tmp/djl JAVA_TOOL_OPTIONS="-Dai.djl.offline=true -XX:MaxRAMPercentage=75"
# glibc keeps PyTorch's buffers instead of unmapping them after every call on a worker thread (sampling
# ran 2.6x slower without; io.modomodo.api.runtime.NativeMemory says why, and the services warn when unset).
ENV MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=1073741824
EXPOSE 8080 8081 8082 8083 8084
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
