# One image for every example app (and the standalone dashboard): build once, run with APP.
#   docker build -t nest-kafka-kit-apps .
#   docker run -e APP=click-aggregator -e KAFKA_BROKERS=... -e DATABASE_URL=... nest-kafka-kit-apps

# Stage 1: install everything and compile the library, app-support and the apps.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/kafka-kit/package.json libs/kafka-kit/
COPY libs/app-support/package.json libs/app-support/
COPY apps/click-collector/package.json apps/click-collector/
COPY apps/click-aggregator/package.json apps/click-aggregator/
COPY apps/click-archiver/package.json apps/click-archiver/
COPY apps/enrolled-consumer/package.json apps/enrolled-consumer/
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY libs libs
COPY apps apps
RUN npm run -s build && npm prune --omit=dev --no-audit --no-fund --ignore-scripts

# Stage 2: the compiled output, runtime dependencies and migrations only; runs unprivileged.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/libs/kafka-kit/package.json libs/kafka-kit/
COPY --from=build /app/libs/kafka-kit/dist libs/kafka-kit/dist
COPY --from=build /app/libs/kafka-kit/bin libs/kafka-kit/bin
COPY --from=build /app/libs/app-support/package.json libs/app-support/
COPY --from=build /app/libs/app-support/dist libs/app-support/dist
COPY --from=build /app/apps apps
USER node
# The heap cap of the apps' `npm start`: RSS stays under the limits in deploy/ (see bench:memory).
ENV APP=click-collector
CMD ["sh", "-c", "exec node --max-old-space-size=128 --max-semi-space-size=8 apps/$APP/dist/main.js"]
