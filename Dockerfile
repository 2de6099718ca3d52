# The relgraph API image (used by docker-compose.yml with Neo4j as the engine).
# Stage 1 fetches the power map's graph library from npm; the image serves it itself.
FROM node:20-slim AS web
WORKDIR /web
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
COPY cypher ./cypher
COPY schema ./schema
COPY --from=web /web/node_modules ./node_modules
# Install, then copy the graph library into the installed package (node_modules is not needed after).
RUN pip install --no-cache-dir . && python -m relgraph.api.map_page vendor /app \
    && rm -rf node_modules && useradd --create-home relgraph
USER relgraph
EXPOSE 8000
CMD ["relgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
