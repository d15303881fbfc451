# Mission Pulse: one image serving Slack (/slack/events) and Teams (/api/messages).
# Build with your own tools:  docker build -t mission-pulse .
# Run it against MongoDB (Atlas, a replica set, Cosmos DB for MongoDB):
#   docker run -p 3978:3978 -e MONGODB_URI=... -e SLACK_SIGNING_SECRET=... mission-pulse
# The image has no embedded database: MONGODB_URI is required. It carries the server only:
# no tests, no playground, no platform stand-ins (.dockerignore keeps them out of the build).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY manifests ./manifests
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3978
WORKDIR /app
# DejaVu fonts draw the digest chart's text.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# The same Node flags as `npm start` (a heap ceiling well above the live heap: see README, Performance).
CMD ["node", "--max-old-space-size=256", "dist/adapters/start.js"]
