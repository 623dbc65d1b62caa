# Multi-stage build: the web app, the release binary, then a small non-root runtime image.

FROM node:20-bookworm-slim AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
COPY openapi.yaml /src/openapi.yaml
RUN npm run build

FROM rust:1.95-slim-bookworm AS server
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY backend ./backend
COPY openapi.yaml ./
RUN cargo build --release --locked -p kinerja-api --bin kinerja

FROM debian:bookworm-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin kinerja \
    && mkdir -p /app/data && chown kinerja /app/data
WORKDIR /app
COPY --from=server /src/target/release/kinerja /app/kinerja
COPY --from=web /src/frontend/dist /app/web
ENV KINERJA_BIND=0.0.0.0:8080 \
    KINERJA_WEB_DIR=/app/web \
    DATABASE_URL=sqlite:///app/data/kinerja.sqlite?mode=rwc \
    RUST_LOG=info
USER kinerja
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 CMD ["/app/kinerja", "healthcheck"]
ENTRYPOINT ["/app/kinerja"]
CMD ["serve"]
