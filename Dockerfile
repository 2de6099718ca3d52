# The relgraph API image (used by docker-compose.yml with Neo4j as the engine). The pages'
# browser libraries are vendored in the package (src/relgraph/api/static/vendor): no npm here.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
COPY cypher ./cypher
COPY schema ./schema
RUN pip install --no-cache-dir . && useradd --create-home relgraph
USER relgraph
EXPOSE 8000
CMD ["relgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
