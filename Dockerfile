# syntax=docker/dockerfile:1
# Collectief's image: gunicorn behind the platform's ingress, static files served by WhiteNoise.
# Build: docker build -t collectief .   Run: see docker-compose.yml and deploy/kubernetes.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# The lock first, so a code change does not reinstall every dependency.
COPY requirements/base.txt requirements/base.txt
RUN python -m venv /venv \
    && /venv/bin/pip install --no-deps -r requirements/base.txt
COPY pyproject.toml README.md manage.py ./
COPY collectief collectief
COPY interviews interviews
COPY initiatives initiatives
COPY pilots pilots
RUN /venv/bin/pip install --no-deps .

FROM python:3.11-slim-bookworm
# pg_dump and pg_restore for `manage.py backup_check`; nothing else beyond the slim base.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 collectief \
    && useradd --system --uid 10001 --gid collectief --home-dir /app --shell /usr/sbin/nologin collectief
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=collectief.settings \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_MEDIA_ROOT=/app/media
WORKDIR /app
COPY --from=build /venv /venv
COPY manage.py ./
COPY bin bin
COPY collectief collectief
COPY interviews interviews
COPY initiatives initiatives
COPY pilots pilots
COPY templates templates
COPY static static
# Static files at build time, with a throw-away key: the running container never writes them.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown collectief:collectief /app/media
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://localhost:8000/-/alive/', timeout=4).status != 200)"]
ENTRYPOINT ["/app/bin/docker-start.sh"]
