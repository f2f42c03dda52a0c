# One image for every service of the platform; SERVICE picks which one a container runs.
# Used by docker-compose.yml. Node 24 comes from the npm package `node`, as on a bare machine.
FROM node:24-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund
ARG SERVICE=order-service
ENV SERVICE=${SERVICE} NODE_OPTIONS=--disable-warning=TimeoutNegativeWarning
CMD ["sh", "-c", "exec node_modules/.bin/node --import tsx services/${SERVICE}/src/main.ts"]
